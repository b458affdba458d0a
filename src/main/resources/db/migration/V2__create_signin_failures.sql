-- Failed signin counts, shared by every instance. account holds a SHA-256 digest of the
-- account as typed, or '*' for a client's count across all accounts.
create table signin_failures (
    client_address     varchar(255)             not null,
    account            varchar(64)              not null,
    failures           integer                  not null,
    window_started_at  timestamp with time zone not null,
    primary key (client_address, account)
);

create index ix_signin_failures_window_started_at on signin_failures (window_started_at);
