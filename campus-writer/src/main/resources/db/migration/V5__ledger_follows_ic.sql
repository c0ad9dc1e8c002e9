-- A result row names its lineItem: deleting a lineItem in IC deletes its results with it, so their rows are marked
-- deleted too and a lineItem written again gets its results again instead of "unchanged".
ALTER TABLE write_ledger ADD COLUMN line_item_sourced_id varchar(255);
CREATE INDEX write_ledger_line_item ON write_ledger (line_item_sourced_id);

-- A refused lineItem keeps its command, so it is tried again as soon as its cause can have changed (a category
-- mapping saved, "Sync now", the daily sync).
ALTER TABLE line_item_rejection ADD COLUMN course_id varchar(100);
ALTER TABLE line_item_rejection ADD COLUMN command text;
CREATE INDEX line_item_rejection_course ON line_item_rejection (tenant, course_id);

-- Results held back while their lineItem is refused; sent once the lineItem is written.
CREATE TABLE parked_result (
    result_sourced_id    varchar(255) PRIMARY KEY,
    line_item_sourced_id varchar(255) NOT NULL,
    tenant               varchar(100) NOT NULL,
    source_version       bigint       NOT NULL,
    command              text         NOT NULL,
    parked_at            timestamptz  NOT NULL
);
CREATE INDEX parked_result_line_item ON parked_result (line_item_sourced_id);
