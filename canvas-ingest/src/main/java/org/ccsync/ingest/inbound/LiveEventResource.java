package org.ccsync.ingest.inbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.ingest.domain.TriggerHandler;
import org.ccsync.ingest.outbound.TriggerPublisher;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.support.LogContext;
import org.ccsync.support.PipelineStages;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Receives Canvas Live Events (one HTTPS POST per event), verifies and parses them, and answers 202 only once
 * the trigger is acknowledged by Kafka, also for an event that names no course; a Caliper-format event gets a JSON
 * error that says how to switch the subscription to Canvas format.
 */
@Path("/webhooks/canvas")
public class LiveEventResource {

    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]{1,64}");

    private final IngestConfig config;
    private final LiveEventVerifier verifier;
    private final LiveEventParser parser;
    private final TriggerPublisher publisher;
    private final IngestMetrics metrics;
    private final IngestStateRepository state;

    public LiveEventResource(IngestConfig config, LiveEventVerifier verifier, LiveEventParser parser,
            TriggerPublisher publisher, IngestMetrics metrics, IngestStateRepository state) {
        this.config = config;
        this.verifier = verifier;
        this.parser = parser;
        this.publisher = publisher;
        this.metrics = metrics;
        this.state = state;
    }

    /** The answer to an accepted or ignored event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(String status, String eventId) {
    }

    @POST
    @Path("/{tenant}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public RestResponse<Receipt> receive(@RestPath String tenant, byte[] body) {
        String type = "none";
        // Only a configured district is named in the log context: the path is the caller's to choose.
        try (LogContext logContext = LogContext.open(config.districts().containsKey(tenant) ? tenant : null, null,
                null)) {
            IngestConfig.District district = Optional.ofNullable(config.districts().get(tenant))
                    .orElseThrow(() -> new WebhookRejectedException(404, "unknown_district",
                            "No district is configured as this tenant."));
            if (body == null || body.length > config.webhook().maxBodyBytes()) {
                throw new WebhookRejectedException(413, "payload_too_large",
                        "The event is larger than " + config.webhook().maxBodyBytes() + " bytes.");
            }
            LiveEventVerifier.Verified verified =
                    verifier.verify(tenant, district, new String(body, StandardCharsets.UTF_8));
            JsonNode root = parser.readTree(verified.json());
            if (verified.signed()) {
                checkExpiry(root);
            }
            LiveEventParser.Parsed parsed = parser.parse(tenant, root);
            type = EVENT_NAME.matcher(parsed.eventName()).matches() ? parsed.eventName() : "other";
            if (parsed.trigger() == null) {
                count(tenant, type, "ignored");
                return RestResponse.ok(new Receipt("ignored", null));
            }
            CanvasEventReceived trigger = withCourse(tenant, parsed.trigger());
            String countedType = type;
            metrics.stage(PipelineStages.WEBHOOK_RECEIVED, trigger.sourceVersion());
            try (LogContext event = LogContext.open(tenant, trigger.courseId(), trigger.eventId())) {
                Log.debugf("Live Event %s of course %s: trigger %s (%s)", countedType, trigger.courseId(),
                        trigger.eventId(), trigger.scope());
            }
            // Waits for Kafka's acknowledgement on this worker thread (the producer's delivery.timeout.ms, 10 s, bounds
            // it) and answers from it: a response resumed on the producer's thread found the request context gone
            // and answered 500 after the event was durable.
            return publisher.publish(trigger)
                    .onItem().transform(ignored -> {
                        count(tenant, countedType, "accepted");
                        metrics.stage(PipelineStages.TRIGGER_PUBLISHED, trigger.sourceVersion());
                        return RestResponse.accepted(new Receipt("accepted", trigger.eventId()));
                    })
                    .onFailure().transform(failure -> {
                        // The send completes on another thread, outside the request's log context.
                        try (LogContext event = LogContext.open(tenant, trigger.courseId(), trigger.eventId())) {
                            Log.errorf("trigger %s of district %s not acknowledged by Kafka: %s", trigger.eventId(),
                                    tenant, failure.getMessage());
                        }
                        count(tenant, countedType, "not_durable");
                        return new WebhookRejectedException(503, "not_durable",
                                "The event could not be stored durably; retry later.");
                    })
                    .await().indefinitely();
        } catch (WebhookRejectedException e) {
            count(tenant, type, e.code());
            throw e;
        }
    }

    /**
     * The trigger with its course: as the event named it, else the course of the assignment it names as this service
     * last read it. A trigger still without course is accepted all the same (202 once durable, never a 400 that
     * Canvas would retry and count against the subscription); its consumer looks for the course in Canvas.
     */
    private CanvasEventReceived withCourse(String tenant, CanvasEventReceived trigger) {
        if (trigger.courseId() != null || trigger.assignmentId() == null) {
            return trigger;
        }
        return state.courseOfAssignment(tenant, trigger.assignmentId())
                .map(course -> {
                    Log.infof("Live Event %s names no course; assignment %s is in course %s", trigger.eventId(),
                            trigger.assignmentId(), course);
                    return TriggerHandler.inCourse(trigger, course);
                })
                .orElse(trigger);
    }

    private void checkExpiry(JsonNode root) {
        JsonNode exp = root.get("exp");
        if (exp == null || exp.isNull()) {
            return;
        }
        if (!exp.isNumber()) {
            throw LiveEventVerifier.invalidSignature("The event's exp claim is not a number.");
        }
        Instant expiry = Instant.ofEpochSecond(exp.asLong());
        if (expiry.plus(config.webhook().clockSkew()).isBefore(Instant.now())) {
            throw LiveEventVerifier.invalidSignature("The event's signature has expired.");
        }
    }

    private void count(String tenant, String type, String result) {
        metrics.webhookEvent(config.districts().containsKey(tenant) ? tenant : IngestMetrics.UNKNOWN_TENANT, type,
                result);
    }
}
