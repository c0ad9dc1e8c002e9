-- The hourly retention job deletes by age.
CREATE INDEX processed_event_age ON processed_event (processed_at);
