package org.ccsync.writer.domain;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.writer.outbound.OutcomePublisher;
import org.ccsync.writer.outbound.ic.DistrictCircuit;
import org.ccsync.writer.platform.WriterConfig;
import org.ccsync.writer.platform.WriterMetrics;

/**
 * Knows how each district's IC connection is doing (circuit, credentials, their expiry), publishes a
 * DistrictStatusChanged when that changes, and exposes it as gauges.
 */
@ApplicationScoped
@Startup
public class DistrictHealth implements DistrictCircuit.Listener {

    private final WriterConfig config;
    private final OutcomePublisher publisher;
    private final WriterMetrics metrics;
    private final Clock clock;
    private final Map<String, DistrictCircuit> circuits = new ConcurrentHashMap<>();
    private final Map<String, Boolean> credentialsValid = new ConcurrentHashMap<>();
    private final AtomicLong lastVersion = new AtomicLong();

    public DistrictHealth(WriterConfig config, OutcomePublisher publisher, WriterMetrics metrics, Clock clock) {
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        config.districts().forEach((tenant, district) -> {
            if (district.credentialsExpireAt().isPresent()) {
                metrics.gauge(WriterMetrics.CREDENTIALS_EXPIRY, tenant, this, h -> h.secondsUntilExpiry(tenant));
            }
        });
    }

    /** The district's circuit breaker, created on first use. */
    public DistrictCircuit circuit(String tenant) {
        return circuits.computeIfAbsent(tenant, t -> {
            WriterConfig.Circuit settings = config.circuit();
            // Cool-downs run on real time: the schedule clock may be pinned by tests or ops.
            DistrictCircuit circuit = new DistrictCircuit(t, settings.failureThreshold(), settings.coolDown(),
                    settings.maxCoolDown(), Clock.systemUTC(), this);
            metrics.gauge(WriterMetrics.CIRCUIT_OPEN, t, circuit, c -> c.state() == DistrictCircuit.State.OPEN ? 1 : 0);
            return circuit;
        });
    }

    @Override
    public void opened(String tenant, String lastFailure, Duration coolDown) {
        Log.warnf("circuit of district %s opened: %s; writes pause for %d s", tenant, lastFailure,
                coolDown.toSeconds());
        publish(tenant, false, "Infinite Campus of district " + tenant + " keeps failing (last: " + lastFailure
                + "). Its writes pause for " + coolDown.toSeconds() + " s and wait in Kafka; then one write probes IC.");
    }

    @Override
    public void closed(String tenant) {
        Log.infof("circuit of district %s closed: Infinite Campus answers again", tenant);
        publish(tenant, true, "Infinite Campus of district " + tenant + " answers again; its writes resumed.");
    }

    /** IC refused the district's OAuth2 client or vendor key; reported once until they work again. */
    public void credentialsRejected(String tenant, String message) {
        if (!Boolean.FALSE.equals(credentialsValid.put(tenant, false))) {
            Log.errorf("Infinite Campus rejected the credentials of district %s", tenant);
            publish(tenant, !circuit(tenant).isOpen(), message);
        }
    }

    /** IC issued a token: the credentials work (reported only when they had been rejected). */
    public void credentialsAccepted(String tenant) {
        if (Boolean.FALSE.equals(credentialsValid.put(tenant, true))) {
            publish(tenant, !circuit(tenant).isOpen(),
                    "Infinite Campus accepts the credentials of district " + tenant + " again.");
        }
    }

    /** Reminds status-service, daily and at start, when each district's IC key and secret expire. */
    @Scheduled(every = "24h", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void announceCredentialExpiry() {
        config.districts().forEach((tenant, district) -> district.credentialsExpireAt().ifPresent(day -> {
            long days = Duration.between(clock.instant(), expiry(tenant).orElseThrow()).toDays();
            String when = days >= 0 ? "expire on " + day + ", in " + days + " days" : "expired on " + day;
            publish(tenant, !circuit(tenant).isOpen(), "The Infinite Campus key and secret of district " + tenant
                    + " " + when + "; renew them in IC's Grade Book Sync connection.");
        }));
    }

    /** The start of the expiry day in the district's time zone, when configured. */
    public Optional<Instant> expiry(String tenant) {
        WriterConfig.District district = config.districts().get(tenant);
        if (district == null) {
            return Optional.empty();
        }
        Optional<LocalDate> day = district.credentialsExpireAt();
        return day.map(d -> d.atStartOfDay(ZoneId.of(district.timeZone())).toInstant());
    }

    double secondsUntilExpiry(String tenant) {
        return expiry(tenant).map(at -> (double) Duration.between(clock.instant(), at).toSeconds()).orElse(0.0);
    }

    private void publish(String tenant, boolean icAvailable, String message) {
        boolean valid = !Boolean.FALSE.equals(credentialsValid.get(tenant));
        Instant expireAt = expiry(tenant).orElse(null);
        long version = lastVersion.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        WriterConfig.District district = config.districts().get(tenant);
        String identity = district == null ? null
                : district.identityStrategy().name().toLowerCase(Locale.ROOT).replace('_', '-');
        DistrictStatusChanged status = new DistrictStatusChanged(
                EventIds.of("district-status", tenant, version, icAvailable, valid, expireAt), Instant.now(), tenant,
                null, version, icAvailable, valid, expireAt, message, identity);
        try {
            publisher.publish(status);
        } catch (RuntimeException e) {
            // The next change publishes the whole status again; a write must not fail for a status event.
            Log.warnf("could not publish the status of district %s: %s", tenant, e.getMessage());
        }
    }
}
