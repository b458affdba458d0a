-- When an account was imported from the service this one replaces; null for accounts
-- created here. That service's tokens name users by id, and only imported users had the
-- same id there.
alter table users add column imported_at timestamp with time zone;
