package org.ccsync.status.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ccsync.status.platform.StatusConfig;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * The districts' Canvas instances as LTI 1.3 platforms: finds the district a launch belongs to by its issuer and
 * client id, and verifies a launch's {@code id_token} with jose4j against that platform's published key set
 * (signature RS256, issuer, audience, expiry). The key set is cached and fetched again when a new key id appears.
 */
@ApplicationScoped
public class LtiPlatforms {

    private final StatusConfig config;
    private final Map<String, HttpsJwks> keySets = new ConcurrentHashMap<>();

    public LtiPlatforms(StatusConfig config) {
        this.config = config;
    }

    /** A district's LTI registration. */
    public record Platform(String tenant, String issuer, String clientId, List<String> deploymentIds, String jwksUrl,
            String authorizationUrl, boolean administratorIsDistrictAdmin, String courseIdParameter) {
    }

    /**
     * The district registered for this issuer and client id; without a client id (Canvas always sends one), the only
     * district of the issuer.
     */
    public Optional<Platform> find(String issuer, String clientId) {
        List<Platform> matches = all().stream()
                .filter(p -> p.issuer().equals(issuer) && (clientId == null || p.clientId().equals(clientId)))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The districts whose Canvas is fully registered as a platform. */
    public List<Platform> all() {
        return config.districts().entrySet().stream()
                .filter(e -> e.getValue().lti().issuer().isPresent() && e.getValue().lti().clientId().isPresent()
                        && e.getValue().lti().jwksUrl().isPresent()
                        && e.getValue().lti().authorizationUrl().isPresent())
                .map(e -> {
                    StatusConfig.DistrictLti lti = e.getValue().lti();
                    return new Platform(e.getKey(), lti.issuer().get(), lti.clientId().get(),
                            lti.deploymentIds().orElse(List.of()), lti.jwksUrl().get(), lti.authorizationUrl().get(),
                            lti.administratorIsDistrictAdmin(), lti.courseIdParameter());
                })
                .toList();
    }

    /** The platform the unverified token claims to come from, or a refusal. */
    public Platform platformOf(String idToken) {
        JwtClaims claims;
        try {
            JwtContext context = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().build().process(idToken);
            claims = context.getJwtClaims();
            List<String> audiences = claims.getAudience();
            String issuer = claims.getIssuer();
            for (String audience : audiences) {
                Optional<Platform> platform = issuer == null ? Optional.empty() : find(issuer, audience);
                if (platform.isPresent()) {
                    return platform.get();
                }
            }
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw forged("The launch is not a signed token.");
        }
        throw forged("The launch comes from a Canvas that is not registered with grade sync.");
    }

    /** Verifies the token's signature, issuer, audience and times; answers the claims or a refusal. */
    public JwtClaims verify(String idToken, Platform platform) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.lti().clockSkew().toSeconds())
                .setExpectedIssuer(platform.issuer())
                .setExpectedAudience(platform.clientId())
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keySet(platform.jwksUrl())))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        try {
            return consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new LtiLaunchException(401, "launch_expired",
                        "This launch from Canvas has expired. Open grade sync again from the course in Canvas.");
            }
            throw forged("This launch is not signed by your district's Canvas, so it was refused.");
        }
    }

    private HttpsJwks keySet(String url) {
        return keySets.computeIfAbsent(url, HttpsJwks::new);
    }

    private static LtiLaunchException forged(String message) {
        return new LtiLaunchException(401, "launch_forged", message);
    }
}
