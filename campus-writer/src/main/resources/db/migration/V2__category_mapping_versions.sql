-- Overrides now arrive as CategoryMappingChanged events: each row keeps the version of the change that set it, and a
-- removal keeps the row with a null title (a tombstone), so an older event replayed later cannot bring it back.
alter table category_mapping add column source_version bigint not null default 0;
alter table category_mapping alter column ic_category_title drop not null;

-- Event ids already consumed from category-mappings: a redelivered event changes nothing.
create table processed_event (
    event_id     varchar(64) primary key,
    processed_at timestamptz not null default now()
);
