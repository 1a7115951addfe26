-- One row the service rewrites to learn whether the database takes writes again after a fault (DatabaseStatus).
create table database_probe (
    id         integer primary key,
    checked_at timestamp with time zone not null
);

insert into database_probe (id, checked_at) values (1, current_timestamp);
