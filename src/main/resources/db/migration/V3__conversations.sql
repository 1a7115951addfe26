create table conversation (
    id          varchar(100) not null primary key,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

create sequence conversation_turn_seq start with 1 increment by 50;

create table conversation_turn (
    id               bigint        not null primary key,
    conversation_id  varchar(100)  not null references conversation (id) on delete cascade,
    ordinal          integer       not null,
    question         text          not null,
    retrieval_query  text          not null,
    answer           text          not null,
    mode             varchar(20)   not null,
    created_at       timestamp with time zone not null,
    constraint conversation_turn_uk unique (conversation_id, ordinal)
);
