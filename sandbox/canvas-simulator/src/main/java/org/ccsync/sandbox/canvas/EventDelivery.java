package org.ccsync.sandbox.canvas;

/** The mutable delivery state of one emitted Live Event, read as an {@link EmittedEvent} snapshot. */
final class EventDelivery {

    private final long sequence;
    private final LiveEvent event;
    private final String json;
    private final String payload;
    private final String contentType;
    private final String webhookUrl;
    private EmittedEvent.Delivery state;
    private int status;
    private int attempts;
    private String response;

    EventDelivery(long sequence, LiveEvent event, String json, String payload, String contentType,
            String webhookUrl) {
        this.sequence = sequence;
        this.event = event;
        this.json = json;
        this.payload = payload;
        this.contentType = contentType;
        this.webhookUrl = webhookUrl;
        this.state = webhookUrl == null ? EmittedEvent.Delivery.NOT_SENT : EmittedEvent.Delivery.PENDING;
    }

    String payload() {
        return payload;
    }

    String contentType() {
        return contentType;
    }

    String webhookUrl() {
        return webhookUrl;
    }

    synchronized void attempted(int httpStatus, String responseBody) {
        attempts++;
        status = httpStatus;
        response = responseBody;
    }

    synchronized void finish(boolean delivered) {
        state = delivered ? EmittedEvent.Delivery.DELIVERED : EmittedEvent.Delivery.FAILED;
    }

    synchronized EmittedEvent snapshot() {
        return new EmittedEvent(sequence, event.name(), event.courseId(), json, payload, contentType, webhookUrl,
                state, status, attempts, response);
    }
}
