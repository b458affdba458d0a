-- Whether the account's owner has shown they read mail at its address. Accounts that exist
-- already, imported ones included, start unverified: nothing has shown it for them yet.
alter table users add column email_verified boolean default false not null;

-- Single-use secrets sent in links by mail. Only a SHA-256 digest of each secret is kept,
-- so that the table alone opens no link; bound_to holds a digest of what the secret stays
-- valid for (such as the password it may replace).
create table one_time_secrets (
    digest      varchar(64)              primary key,
    user_id     bigint                   not null references users (id) on delete cascade,
    purpose     varchar(32)              not null,
    bound_to    varchar(64)              not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);

create index ix_one_time_secrets_user_id_purpose on one_time_secrets (user_id, purpose);
create index ix_one_time_secrets_expires_at on one_time_secrets (expires_at);

-- Mails clients asked for within the current window, shared by every instance. subject
-- holds a SHA-256 digest of the asking client or of the recipient, never an address.
create table mail_requests (
    subject            varchar(64)              primary key,
    requests           integer                  not null,
    window_started_at  timestamp with time zone not null
);

create index ix_mail_requests_window_started_at on mail_requests (window_started_at);
