-- Figures extracted from each article at ingestion; removed with their article.
alter table article add column figures_version integer default 0 not null;

create sequence figure_seq start with 1 increment by 50;

create table figure (
    id              bigint         not null primary key,
    article_id      varchar(200)   not null references article (id) on delete cascade,
    chunk_ordinal   integer,
    span            varchar(1000)  not null,
    start_offset    integer        not null,
    end_offset      integer        not null,
    low_value       double precision,
    high_value      double precision,
    approximate     boolean        not null,
    qualifier       varchar(100),
    unit            varchar(200),
    percent_of      varchar(500),
    counted         varchar(500),
    event           varchar(100),
    attribution     varchar(1000),
    as_of_text      varchar(200),
    as_of           date,
    sentence_start  integer        not null,
    sentence_end    integer        not null,
    sentence        text           not null
);

create index figure_article_idx on figure (article_id);
