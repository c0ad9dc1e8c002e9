package org.ccsync.writer.outbound.ic;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ccsync.writer.platform.WriterConfig;

/**
 * Keeps each class's categories, rostering facts, grading periods and (for identity by rostering) students for a
 * while, so a burst costs one read.
 */
@ApplicationScoped
public class RosterCache {

    private static final int SWEEP_ABOVE = 10_000;

    private final OneRosterClient client;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public RosterCache(OneRosterClient client, WriterConfig config) {
        this.client = client;
        this.ttl = config.rosterCacheTtl();
    }

    public List<IcCategory> categories(String tenant, String classSourcedId) {
        return cached("categories|" + tenant + "|" + classSourcedId, () -> client.categories(tenant, classSourcedId));
    }

    public IcClass rosterClass(String tenant, String classSourcedId) {
        return cached("class|" + tenant + "|" + classSourcedId, () -> client.rosterClass(tenant, classSourcedId));
    }

    /** The grading periods of every term of the class. */
    public List<IcGradingPeriod> gradingPeriods(String tenant, IcClass icClass) {
        List<IcGradingPeriod> periods = new ArrayList<>();
        for (String term : icClass.termSourcedIds()) {
            periods.addAll(this.<List<IcGradingPeriod>>cached("periods|" + tenant + "|" + term,
                    () -> client.gradingPeriods(tenant, term)));
        }
        return periods;
    }

    /** A value cached under {@code key}, loading it (with IC reads) on a miss. */
    public <T> T get(String key, Supplier<T> load) {
        return cached(key, load);
    }

    /** A value cached under {@code key} without loading it: empty on a miss. */
    @SuppressWarnings("unchecked")
    public <T> java.util.Optional<T> peek(String key) {
        Entry entry = entries.get(key);
        return entry != null && Instant.now().isBefore(entry.expiresAt) ? java.util.Optional.of((T) entry.value)
                : java.util.Optional.empty();
    }

    /** Forgets everything about a class, e.g. after IC said a category no longer exists. */
    public void forget(String tenant, String classSourcedId) {
        entries.remove("categories|" + tenant + "|" + classSourcedId);
        entries.remove("class|" + tenant + "|" + classSourcedId);
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> load) {
        Instant now = Instant.now();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expiresAt)) {
            return (T) entry.value;
        }
        T value = load.get();
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt));
        }
        entries.put(key, new Entry(value, now.plus(ttl)));
        return value;
    }

    /** A cached value and when it stops being reused. */
    private record Entry(Object value, Instant expiresAt) {
    }
}
