-- One row per IC item this service wrote: what it last sent (hash), from which source version, and whether
-- that was a delete. An older source version never overwrites a newer row.
create table write_ledger (
    sourced_id     varchar(255) primary key,
    tenant         varchar(100) not null,
    kind           varchar(20)  not null,
    content_hash   varchar(64)  not null,
    source_version bigint       not null,
    written_at     timestamptz  not null,
    deleted        boolean      not null default false
);

create index write_ledger_tenant on write_ledger (tenant);

-- Canvas assignment group -> IC category overrides; course_id null means district-wide. status-service feeds it.
create table category_mapping (
    id                bigserial primary key,
    tenant            varchar(100) not null,
    course_id         varchar(100),
    canvas_group_name varchar(255) not null,
    ic_category_title varchar(255) not null
);

create unique index category_mapping_key
    on category_mapping (tenant, coalesce(course_id, ''), lower(canvas_group_name));
