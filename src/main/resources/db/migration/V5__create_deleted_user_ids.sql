-- Tokens name users by id, so an id once given to an account stays that account's: an
-- import never brings back an account deleted here, nor takes an id that an account
-- created here has had.
create table deleted_user_ids (
    id          bigint                   primary key,
    deleted_at  timestamp with time zone not null
);

-- The ids an import moved the identity past, from first_id up to but excluding next_id:
-- the identity never gave them to an account created here.
create table imported_id_ranges (
    first_id  bigint not null,
    next_id   bigint not null
);
