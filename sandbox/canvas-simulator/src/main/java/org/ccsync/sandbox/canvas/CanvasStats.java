package org.ccsync.sandbox.canvas;

import java.util.Map;

/**
 * REST API usage since start or reset.
 *
 * @param requestsByEndpoint request count per route, e.g. {@code GET /api/v1/courses/:course_id/assignments}
 * @param totalRequests every REST request that passed the bearer check, throttled ones included
 * @param totalRequestCost sum of the costs charged to the bucket
 * @param throttledCount requests answered 403 Rate Limit Exceeded
 * @param maxBucketLevel highest bucket level seen
 * @param currentLevel bucket level now
 */
public record CanvasStats(Map<String, Long> requestsByEndpoint, long totalRequests, double totalRequestCost,
        long throttledCount, double maxBucketLevel, double currentLevel) {

    public CanvasStats {
        requestsByEndpoint = Map.copyOf(requestsByEndpoint);
    }

    public long requests(String endpoint) {
        return requestsByEndpoint.getOrDefault(endpoint, 0L);
    }
}
