package org.ccsync.sandbox.canvas;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every emitted Live Event and delivers it to the webhook asynchronously, as a signed JWS or raw JSON, in
 * the subscription's format (Canvas or Caliper), keeping each course's events in emission order.
 */
final class LiveEventPublisher implements AutoCloseable {

    static final String JWT = "application/jwt";
    static final String JSON = "application/json";

    private final SigningKeys keys;
    private final WebhookSender sender = new WebhookSender();
    private final CourseOrderedExecutor executor = new CourseOrderedExecutor();
    private final List<EventDelivery> log = new ArrayList<>();
    private volatile String webhookUrl;
    private volatile boolean signing;
    private volatile EventFormat format = EventFormat.CANVAS;

    LiveEventPublisher(SigningKeys keys, String webhookUrl, boolean signing) {
        this.keys = keys;
        this.webhookUrl = blankToNull(webhookUrl);
        this.signing = signing;
    }

    /** Logs the event and queues its delivery; callers publish under the store lock so the order holds. */
    synchronized void publish(LiveEvent event) {
        String json = CanvasJson.write(format == EventFormat.CALIPER ? CaliperEnvelope.of(event.envelope())
                : event.envelope());
        boolean sign = signing;
        EventDelivery delivery = new EventDelivery(log.size() + 1L, event, json, sign ? keys.sign(json) : json,
                sign ? JWT : JSON, webhookUrl);
        log.add(delivery);
        if (delivery.webhookUrl() != null) {
            executor.submit(event.courseId(), () -> sender.deliver(delivery));
        }
    }

    synchronized List<EmittedEvent> events() {
        return log.stream().map(EventDelivery::snapshot).toList();
    }

    synchronized void clear() {
        log.clear();
    }

    void setWebhookUrl(String url) {
        webhookUrl = blankToNull(url);
    }

    String webhookUrl() {
        return webhookUrl;
    }

    void setSigning(boolean value) {
        signing = value;
    }

    boolean signing() {
        return signing;
    }

    void setFormat(EventFormat value) {
        format = value;
    }

    EventFormat format() {
        return format;
    }

    @Override
    public void close() {
        executor.close();
    }

    private static String blankToNull(String url) {
        return url == null || url.isBlank() ? null : url;
    }
}
