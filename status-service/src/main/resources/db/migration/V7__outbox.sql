-- The transactional outbox (service-support's Outbox and OutboxRelay): records to publish, written in the transaction
-- of the state change they announce, sent to Kafka in id order after the commit and deleted once the broker acked.
CREATE TABLE outbox_message (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic       TEXT NOT NULL,
    message_key TEXT NOT NULL,
    payload     TEXT NOT NULL,
    traceparent TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
