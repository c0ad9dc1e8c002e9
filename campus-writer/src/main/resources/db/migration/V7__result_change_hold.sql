-- The course's scores in IC changed within the district's window (one row per result, the latest change): more than
-- the district's share of them held further changes for a district admin.
CREATE TABLE result_change (
    tenant     varchar(100) NOT NULL,
    course_id  varchar(100) NOT NULL,
    sourced_id varchar(255) NOT NULL,
    changed_at timestamptz  NOT NULL,
    PRIMARY KEY (tenant, course_id, sourced_id)
);
