-- How campus-writer matches Canvas sections and students to IC classes and students (sis-ids or ic-rostering), as it
-- reports it with the district's IC health; shown on the dashboard.
ALTER TABLE district_status ADD COLUMN identity_strategy VARCHAR(50);
