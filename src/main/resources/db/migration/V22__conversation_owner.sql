-- Conversations belong to whoever started them. Portable SQL: the same migration runs on H2 and PostgreSQL.

-- The caller that started a conversation (an API key's hash prefix or a JWT's issuer and subject); null for an
-- anonymous caller, whose capability is the unguessable id alone.
alter table conversation add column owner varchar(500);

-- Until now a client could name a conversation ("alice"), and anyone guessing the name could read, extend and delete
-- it. Ids are issued by the server from now on; conversations named by clients rather than issued (the server issued
-- random UUIDs) are forgotten with their turns.
delete from conversation
where not (length(id) = 36 and substring(id, 9, 1) = '-' and substring(id, 14, 1) = '-'
           and substring(id, 19, 1) = '-' and substring(id, 24, 1) = '-');
