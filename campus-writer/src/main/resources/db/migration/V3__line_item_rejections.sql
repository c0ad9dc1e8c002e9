-- lineItems IC (or this service) refused for good, e.g. no category mapping: their results are reported with the
-- lineItem's reason instead of being sent to IC, where they could only fail. A later successful write clears the row.
create table line_item_rejection (
    sourced_id     varchar(255) primary key,
    tenant         varchar(100)  not null,
    source_version bigint        not null,
    error_code     varchar(100)  not null,
    message        varchar(2000) not null,
    rejected_at    timestamptz   not null
);
