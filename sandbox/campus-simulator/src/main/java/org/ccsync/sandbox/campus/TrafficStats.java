package org.ccsync.sandbox.campus;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free gradebook counters, including the in-flight admission count behind the concurrency cap. */
final class TrafficStats {

    private final AtomicLong total = new AtomicLong();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong rejectedBusy = new AtomicLong();
    private final AtomicLong tokensIssued = new AtomicLong();

    void countArrival() {
        total.incrementAndGet();
    }

    void countCompletion(int status) {
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    void countRejectedBusy() {
        rejectedBusy.incrementAndGet();
    }

    void countToken() {
        tokensIssued.incrementAndGet();
    }

    /** Takes one in-flight slot unless {@code max} are taken; updates the peak when admitted. */
    boolean tryAdmit(int max) {
        while (true) {
            int current = inFlight.get();
            if (current >= max) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                peak.accumulateAndGet(current + 1, Math::max);
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    void reset() {
        total.set(0);
        byStatus.clear();
        peak.set(0);
        rejectedBusy.set(0);
        tokensIssued.set(0);
    }

    CampusStats snapshot() {
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new CampusStats(total.get(), statuses, peak.get(), rejectedBusy.get(), tokensIssued.get(), inFlight.get());
    }
}
