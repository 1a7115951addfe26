-- Portable SQL: the same migration runs on H2 (embedded default) and PostgreSQL (production).
create table article (
    id             varchar(200)  not null primary key,
    title          varchar(1000),
    outlet         varchar(300),
    url            varchar(2000),
    published_at   date,
    content_hash   varchar(64)   not null,
    text           text          not null,
    origin         varchar(20)   not null,
    chunk_count    integer       not null,
    ingested_at    timestamp with time zone not null,
    constraint article_content_hash_uk unique (content_hash)
);

create sequence chunk_seq start with 1 increment by 50;

create table chunk (
    id              bigint        not null primary key,
    article_id      varchar(200)  not null references article (id) on delete cascade,
    ordinal         integer       not null,
    start_offset    integer       not null,
    end_offset      integer       not null,
    token_count     integer       not null,
    text            text          not null,
    embedding       bytea         not null,
    embedding_model varchar(200)  not null,
    constraint chunk_article_ordinal_uk unique (article_id, ordinal)
);

create index chunk_article_idx on chunk (article_id);
