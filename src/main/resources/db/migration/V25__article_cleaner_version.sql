-- The article as it was sent and the version of the cleaning rules that produced its stored text, so that a change of
-- the rules can clean stored articles again in the background (ingest.CleaningUpgrade). Articles stored before carry
-- version 1 and no source: the upgrade takes their source from the corpus file when start-up ingestion meets it again,
-- else cleans the stored text once more.
alter table article add column cleaner_version integer default 1 not null;
alter table article add column source text;
alter table article add column source_format varchar(20);
