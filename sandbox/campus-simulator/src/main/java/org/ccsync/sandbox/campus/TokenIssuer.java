package org.ccsync.sandbox.campus;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Issues opaque bearer tokens to a client with the scopes it was granted and tells whether a token is still valid;
 * remembers every token it issued, and can reject the client credentials and revoke what it issued, as IC does when a
 * district's credentials are disabled.
 */
final class TokenIssuer {

    /** What one token was issued for. */
    record Grant(String clientId, Set<String> scopes, Instant expiry) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<String> requestedScopes = new CopyOnWriteArrayList<>();
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

    String issue(String clientId, Set<String> scopes, String requestedScope) {
        Instant now = clock.instant();
        grants.values().removeIf(grant -> !grant.expiry().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(clientId, Set.copyOf(scopes), now.plusSeconds(ttlSeconds)));
        issued.add(token);
        requestedScopes.add(requestedScope == null ? "" : requestedScope);
        return token;
    }

    /** Every token issued since the simulator started, oldest first, including expired and revoked ones. */
    List<String> issued() {
        return List.copyOf(issued);
    }

    /** The {@code scope} parameter of every token request that got a token, oldest first ("" when none was sent). */
    List<String> requestedScopes() {
        return List.copyOf(requestedScopes);
    }

    /** Whether the token endpoint refuses every client, even with the configured credentials. */
    boolean credentialsRejected() {
        return credentialsRejected;
    }

    /** Refuses (true) or accepts again (false) the configured client credentials; refusing revokes every token. */
    void setCredentialsRejected(boolean rejected) {
        credentialsRejected = rejected;
        if (rejected) {
            grants.clear();
        }
    }

    /** The grant of a token that is still valid. */
    Optional<Grant> grant(String token) {
        Grant grant = grants.get(token);
        return grant != null && grant.expiry().isAfter(clock.instant()) ? Optional.of(grant) : Optional.empty();
    }

    boolean isValid(String token) {
        return grant(token).isPresent();
    }
}
