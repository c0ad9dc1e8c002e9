package org.ccsync.sandbox.campus;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Issues opaque bearer tokens and tells whether a token is still valid; remembers every token it issued, and can
 * reject the client credentials and revoke what it issued, as IC does when a district's credentials are disabled.
 */
final class TokenIssuer {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile boolean credentialsRejected;
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
        issued.add(token);
        return token;
    }

    /** Every token issued since the simulator started, oldest first, including expired and revoked ones. */
    List<String> issued() {
        return List.copyOf(issued);
    }

    /** Whether the token endpoint refuses every client, even with the configured credentials. */
    boolean credentialsRejected() {
        return credentialsRejected;
    }

    /** Refuses (true) or accepts again (false) the configured client credentials; refusing revokes every token. */
    void setCredentialsRejected(boolean rejected) {
        credentialsRejected = rejected;
        if (rejected) {
            expiries.clear();
        }
    }

    boolean isValid(String token) {
        Instant expiry = expiries.get(token);
        return expiry != null && expiry.isAfter(clock.instant());
    }
}
