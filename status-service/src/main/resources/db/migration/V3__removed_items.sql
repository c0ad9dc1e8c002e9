-- Issue 18: "written" means "in Infinite Campus now". An item IC no longer holds (its lineItem was deleted, taking
-- every result under it along, or its score was cleared in Canvas) has status REMOVED; counted apart from WRITTEN.

ALTER TABLE course_status ADD COLUMN removed_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE student_status ADD COLUMN removed_count BIGINT NOT NULL DEFAULT 0;

-- The reason code of the delete command (DeleteLineItem, DeleteResult) an item waits for; null for upserts. It says
-- why the item was removed when the writer's DELETED outcome arrives.
ALTER TABLE item_status ADD COLUMN pending_reason_code VARCHAR(64);

-- A lineItem's results are found through item_status_assignment (tenant, course_id, assignment_id, kind).
