package org.ccsync.sandbox.canvas;

import java.util.Map;
import java.util.TreeMap;

/** Counts REST requests per endpoint, the cost charged and the requests throttled. */
final class RequestStats {

    private final Map<String, Long> byEndpoint = new TreeMap<>();
    private long total;
    private double totalCost;
    private long throttled;

    synchronized void record(String endpoint, double chargedCost, boolean wasThrottled) {
        byEndpoint.merge(endpoint, 1L, Long::sum);
        total++;
        totalCost += chargedCost;
        if (wasThrottled) {
            throttled++;
        }
    }

    synchronized CanvasStats snapshot(double maxLevel, double currentLevel) {
        return new CanvasStats(byEndpoint, total, totalCost, throttled, maxLevel, currentLevel);
    }

    synchronized void reset() {
        byEndpoint.clear();
        total = 0;
        totalCost = 0;
        throttled = 0;
    }
}
