package org.ccsync.sandbox.campus;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues opaque bearer tokens and tells whether a token is still valid. */
final class TokenIssuer {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final int ttlSeconds;
    private final Clock clock;

    TokenIssuer(int ttlSeconds, Clock clock) {
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    int ttlSeconds() {
        return ttlSeconds;
    }

    String issue() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, now.plusSeconds(ttlSeconds));
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = expiries.get(token);
        return expiry != null && expiry.isAfter(clock.instant());
    }
}
