package org.ccsync.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Bearer tokens from the test identity provider (mock-oauth2-server issues and signs them), shaped like the
 * sandbox's: the district claim and the project role in {@code groups}.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String admin(String district) {
        return issue("admin-" + district, Map.of("upn", "admin@" + district + ".example.org",
                "groups", List.of("district-admin"), "district", district));
    }

    public static String teacher(String district, String email) {
        return issue("teacher-" + email, Map.of("email", email, "groups", List.of("teacher"), "district", district));
    }

    public static String withGroups(String district, String... groups) {
        return issue("someone", Map.of("upn", "someone@example.org", "groups", List.of(groups),
                "district", district));
    }

    /** A token with exactly these claims (and the provider's standard ones). */
    public static String withClaims(String subject, Map<String, Object> claims) {
        return issue(subject, claims);
    }

    public static String expired(String district) {
        return SignInTestResource.idp().issueToken(SignInTestResource.ISSUER_ID, SignInTestResource.CLIENT_ID,
                new DefaultOAuth2TokenCallback(SignInTestResource.ISSUER_ID, "admin-" + district, "JWT",
                        List.of(SignInTestResource.CLIENT_ID),
                        Map.of("groups", List.of("district-admin"), "district", district), -3600))
                .serialize();
    }

    public static String wrongIssuer(String district) {
        return SignInTestResource.idp().issueToken("elsewhere", SignInTestResource.CLIENT_ID,
                new DefaultOAuth2TokenCallback("elsewhere", "admin-" + district, "JWT",
                        List.of(SignInTestResource.CLIENT_ID),
                        Map.of("groups", List.of("district-admin"), "district", district), 3600))
                .serialize();
    }

    /** The provider's issuer and claims, signed by a key it never published. */
    public static String forged(String district) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(SignInTestResource.issuer());
        claims.setSubject("x");
        claims.setAudience(SignInTestResource.CLIENT_ID);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setStringListClaim("groups", List.of("district-admin"));
        claims.setClaim("district", district);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        return jws.getCompactSerialization();
    }

    private static String issue(String subject, Map<String, Object> claims) {
        return SignInTestResource.idp().issueToken(SignInTestResource.ISSUER_ID, SignInTestResource.CLIENT_ID,
                new DefaultOAuth2TokenCallback(SignInTestResource.ISSUER_ID, subject, "JWT",
                        List.of(SignInTestResource.CLIENT_ID), new LinkedHashMap<>(claims), 3600))
                .serialize();
    }
}
