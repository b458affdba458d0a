-- The service limits usernames to 150 characters, counting Unicode code points as the
-- original did. PostgreSQL measures a varchar in characters too, but H2 in UTF-16 units,
-- in which a letter beyond the Basic Multilingual Plane (U+20000, say) counts twice: the
-- column takes twice the limit, which the service enforces. (Addresses are limited to
-- 254 characters of the Basic Multilingual Plane, one unit each.)
alter table users alter column username set data type varchar(300);
