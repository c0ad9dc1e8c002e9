package org.ccsync.ingest.inbound;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.Key;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ccsync.ingest.platform.IngestConfig;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies a Live Event body, a compact RS256 JWS, against its district's JWKS (keys cached, refetched on an
 * unknown {@code kid}), and returns the signed claims; raw JSON passes only where the district allows it.
 */
@ApplicationScoped
public class LiveEventVerifier {

    private static final AlgorithmConstraints RS256_ONLY =
            new AlgorithmConstraints(ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256);

    private final IngestConfig config;
    private final Map<String, HttpsJwksVerificationKeyResolver> resolvers = new ConcurrentHashMap<>();

    public LiveEventVerifier(IngestConfig config) {
        this.config = config;
    }

    /** The verified event JSON and whether it came signed. */
    public record Verified(String json, boolean signed) {
    }

    /**
     * Checks the body and returns the event JSON.
     *
     * @throws WebhookRejectedException 401 {@code invalid_signature} or {@code unsigned_event}, 503
     *         {@code jwks_unavailable} when the keys cannot be fetched
     */
    public Verified verify(String tenant, IngestConfig.District district, String body) {
        String compact = body.strip();
        if (compact.startsWith("{") || compact.startsWith("[")) {
            if (!district.allowUnsigned()) {
                throw new WebhookRejectedException(401, "unsigned_event",
                        "The event is not signed and this district accepts only signed events.");
            }
            return new Verified(compact, false);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(RS256_ONLY);
        try {
            jws.setCompactSerialization(compact);
            Key key = resolver(tenant, district).resolveKey(jws, List.of());
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw invalidSignature("The event signature does not verify.");
            }
            return new Verified(jws.getPayload(), true);
        } catch (UnresolvableKeyException e) {
            if (e.getCause() instanceof IOException) {
                Log.warnf("JWKS of district %s could not be fetched: %s", tenant, e.getCause().getMessage());
                throw new WebhookRejectedException(503, "jwks_unavailable",
                        "The district's signing keys could not be fetched; retry later.");
            }
            throw invalidSignature("No signing key of the district matches the event's key id.");
        } catch (JoseException e) {
            throw invalidSignature("The event is not a valid RS256 JWS.");
        }
    }

    static WebhookRejectedException invalidSignature(String message) {
        return new WebhookRejectedException(401, "invalid_signature", message);
    }

    private HttpsJwksVerificationKeyResolver resolver(String tenant, IngestConfig.District district) {
        return resolvers.computeIfAbsent(tenant, t -> {
            HttpsJwks jwks = new HttpsJwks(district.jwksUrl());
            Get get = new Get();
            int timeout = (int) config.webhook().jwksTimeout().toMillis();
            get.setConnectTimeout(timeout);
            get.setReadTimeout(timeout);
            jwks.setSimpleHttpGet(get);
            // Keep verifying with the cached keys for a while when the JWKS endpoint is briefly down.
            jwks.setRetainCacheOnErrorDuration(config.webhook().jwksRetainOnError().toSeconds());
            return new HttpsJwksVerificationKeyResolver(jwks);
        });
    }
}
