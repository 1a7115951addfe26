-- Leases on shared work, so that several instances can run against one database. Portable SQL: the same migration
-- runs on H2 and PostgreSQL. An instance takes a row with a conditional update that sets it as the owner until a
-- time; another instance may take the row only once that time has passed (the owner died or stalled), and the owner
-- checks it still holds the row before writing what it did.

-- A story being analysed: no two instances analyse one story at the same time.
alter table analysis_queue add column lease_owner varchar(200);
alter table analysis_queue add column lease_until timestamp with time zone;

-- A Slack question being answered: exactly one answer per question, whichever instance accepted it.
alter table slack_delivery add column lease_owner varchar(200);
alter table slack_delivery add column lease_until timestamp with time zone;
