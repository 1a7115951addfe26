-- Background work shared by every instance on this database (io.crosscheck.jobs): corpus files at start and the
-- articles of bulk requests. Portable SQL: the same migration runs on H2 and PostgreSQL.

-- A bulk request: what GET /api/jobs/{id} reports on; its items are jobs that name it.
create sequence job_batch_seq start with 1 increment by 50;

create table job_batch (
    id          bigint        not null primary key,
    kind        varchar(50)   not null,
    total       integer       not null,
    created_at  timestamp with time zone not null
);

create sequence job_seq start with 1 increment by 50;

create table job (
    id          bigint        not null primary key,
    kind        varchar(50)   not null,
    -- what makes two jobs the same work: enqueuing a job whose kind and key are taken does nothing
    job_key     varchar(500)  not null,
    payload     text          not null,
    status      varchar(20)   not null,
    attempts    integer       not null,
    -- not claimed before this time: when it was queued, or a retry's backoff
    run_after   timestamp with time zone not null,
    -- the instance running it and until when; a running job whose lease has passed is claimed again. A done job keeps
    -- the owner that ran it.
    lease_owner varchar(200),
    lease_until timestamp with time zone,
    error       varchar(1000),
    batch_id    bigint        references job_batch (id) on delete cascade,
    -- the item's position in its batch
    batch_index integer,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint job_kind_key_uk unique (kind, job_key)
);

create index job_claim_idx on job (status, run_after);
create index job_batch_idx on job (batch_id, status);
