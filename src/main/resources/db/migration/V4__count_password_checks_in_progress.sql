-- Password checks under way, per count: a check takes its turn before it runs, and only
-- as many run at once as failures are still allowed, so concurrent wrong guesses cannot
-- pass a limit while right ones are never refused for being many.
alter table signin_failures add column checks_in_progress integer default 0 not null;
