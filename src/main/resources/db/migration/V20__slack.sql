-- Slack bot state. Portable SQL: the same migration runs on H2 (embedded default) and PostgreSQL.

-- Every accepted question (event or slash command), written before Slack gets its 200, so that a retry, a
-- re-delivery or a restart never answers twice and never loses a question.
create sequence slack_delivery_seq start with 1 increment by 50;

create table slack_delivery (
    id               bigint        not null primary key,
    kind             varchar(20)   not null,
    -- Events API event_id, or "command:" + trigger_id for slash commands
    delivery_key     varchar(200)  not null,
    team_id          varchar(50),
    channel_id       varchar(50),
    user_id          varchar(50),
    -- the asking message's ts (events only); a re-delivery under a new event_id has the same channel and ts
    message_ts       varchar(40),
    thread_ts        varchar(40),
    conversation_key varchar(200)  not null,
    question         text          not null,
    response_url     varchar(2000),
    status           varchar(20)   not null,
    attempts         integer       not null,
    received_at      timestamp with time zone not null,
    answered_at      timestamp with time zone,
    reply_ts         varchar(40),
    answer_json      text,
    last_error       varchar(1000),
    constraint slack_delivery_key_uk unique (delivery_key),
    constraint slack_delivery_message_uk unique (channel_id, message_ts)
);

create index slack_delivery_status_idx on slack_delivery (status);

-- A Slack thread (or slash-command channel) is one Crosscheck conversation.
create table slack_conversation (
    conversation_key varchar(200)  not null primary key,
    conversation_id  varchar(100)  not null,
    created_at       timestamp with time zone not null
);

-- One vote per user and answer; voting again replaces the rating.
create sequence slack_feedback_seq start with 1 increment by 50;

create table slack_feedback (
    id               bigint        not null primary key,
    delivery_id      bigint        not null references slack_delivery (id) on delete cascade,
    conversation_key varchar(200)  not null,
    team_id          varchar(50),
    channel_id       varchar(50),
    user_id          varchar(50)   not null,
    rating           varchar(10)   not null,
    created_at       timestamp with time zone not null,
    constraint slack_feedback_vote_uk unique (delivery_id, user_id)
);
