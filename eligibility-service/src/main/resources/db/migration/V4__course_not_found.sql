-- Canvas answered 404 for the course itself: its assignments are ineligible (course_not_found), and the lineItem
-- deletes that causes are held by campus-writer for a district admin.
alter table course add column not_found boolean not null default false;
