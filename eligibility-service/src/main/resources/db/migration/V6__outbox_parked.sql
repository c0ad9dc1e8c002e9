-- A row the broker can never take (too large, an invalid topic) is parked with the reason instead of blocking the
-- rows behind it (service-support's OutboxRelay); ccsync_outbox_rows{state="parked"} counts them for an operator.
ALTER TABLE outbox_message ADD COLUMN parked_at TIMESTAMPTZ, ADD COLUMN parked_reason TEXT;
