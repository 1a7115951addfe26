-- Stories, persisted measures and the analysis queue. Portable SQL: the same migration runs on H2 and PostgreSQL.

-- A story is the event many articles cover. Its representation (sum of article vectors, how many of its articles
-- name each salient name, date span) is kept exact under additions and removals, so an article is placed in one
-- pass against the stories active around its date.
create sequence story_seq start with 1 increment by 50;

create table story (
    id               bigint        not null primary key,
    label            varchar(1000),
    vector_sum       bytea         not null,
    name_counts      text          not null,
    article_count    integer       not null,
    first_published  date,
    last_published   date,
    last_activity    timestamp with time zone not null,
    measure_count    integer       default 0 not null,
    conflict_count   integer       default 0 not null,
    analysed_at      timestamp with time zone,
    -- raised on every change of the story's articles; measures record the revision they were computed from
    revision         bigint        default 0 not null,
    analysed_revision bigint       default 0 not null,
    -- the version of the analysis rules its measures were computed with; older ones are analysed again after start
    analyser_version integer       default 0 not null
);

create index story_activity_idx on story (last_activity);
create index story_dates_idx on story (last_published);

-- Existing articles have no story until the background backfill places them.
alter table article add column story_id bigint references story (id);
-- the article as story clustering saw it, so that removing it from its story is exact
alter table article add column profile_vector bytea;
alter table article add column profile_names text;

create index article_story_idx on article (story_id);

-- What the extractor knows is persisted rather than guessed back from strings.
alter table figure add column kind varchar(20);

-- Embeddings of the phrases and sentences figure grouping compares, computed at ingestion so that analysis never
-- needs the embedding model; keyed per article so that concurrent ingests never write the same row.
create table figure_vector (
    article_id  varchar(200)  not null references article (id) on delete cascade,
    text_hash   varchar(64)   not null,
    model       varchar(200)  not null,
    vector      bytea         not null,
    constraint figure_vector_pk primary key (article_id, text_hash)
);

-- Measures of one story with their verdict; ids survive regroupings that keep most of a measure's figures.
create table measure (
    id             varchar(200)  not null primary key,
    story_id       bigint        not null references story (id) on delete cascade,
    position       integer       not null,
    label          varchar(1000) not null,
    status         varchar(20)   not null,
    figure_count   integer       not null,
    article_count  integer       not null,
    verdict        text          not null
);

create index measure_story_idx on measure (story_id, position);
create index measure_status_idx on measure (status);

-- Stories waiting to be analysed. A row is written in the transaction that changes the story, so the queue
-- survives a crash; the worker deletes it only when the revision it analysed is still the newest.
create table analysis_queue (
    story_id      bigint        not null primary key references story (id) on delete cascade,
    -- the oldest change the story's measures do not reflect yet (how far analysis lags), and the newest
    first_requested_at timestamp with time zone not null,
    requested_at  timestamp with time zone not null,
    not_before    timestamp with time zone not null,
    attempts      integer       default 0 not null,
    last_error    varchar(2000)
);

-- One row that story assignment locks, so that concurrent ingests (on any instance) place articles one at a time.
create table story_assignment_lock (
    id  integer not null primary key
);
insert into story_assignment_lock (id) values (1);
