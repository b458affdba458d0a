-- Sessions: one per signin (one per device), each with a chain of refresh tokens. A session
-- lives while its token_version is the user's (signing out, a new password or a reset end
-- every session at once), until expires_at, and while it is used within the idle lifetime.
-- id is a random public name, shown to the user and carried in access tokens as sid.
create table sessions (
    id              varchar(32)              primary key,
    user_id         bigint                   not null references users (id) on delete cascade,
    token_version   integer                  not null,
    created_at      timestamp with time zone not null,
    last_used_at    timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    client_address  varchar(64)              not null,
    user_agent      varchar(256)             not null
);

create index ix_sessions_user_id on sessions (user_id);
create index ix_sessions_expires_at on sessions (expires_at);

-- Refresh tokens: only a SHA-256 digest of each. A used one is kept while its session lives,
-- so that presenting it again is recognised as reuse and ends the session.
create table refresh_tokens (
    digest      varchar(64)              primary key,
    session_id  varchar(32)              not null references sessions (id) on delete cascade,
    used_at     timestamp with time zone
);

create index ix_refresh_tokens_session_id on refresh_tokens (session_id);
