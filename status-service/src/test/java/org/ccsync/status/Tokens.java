package org.ccsync.status;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;

/** Signs test tokens with the test key pair under src/test/resources, shaped like the sandbox's. */
final class Tokens {

    static final String ISSUER = "https://sandbox.ccsync.test/issuer";

    private Tokens() {
    }

    static String admin(String district) {
        return Jwt.issuer(ISSUER).subject("admin-" + district).upn("admin@" + district + ".example.org")
                .groups(Set.of("district-admin")).claim("district", district).sign();
    }

    static String teacher(String district, String email) {
        return Jwt.issuer(ISSUER).subject("teacher-" + email).claim("email", email)
                .groups(Set.of("teacher")).claim("district", district).sign();
    }

    static String withGroups(String district, String... groups) {
        return Jwt.issuer(ISSUER).subject("someone").upn("someone@example.org")
                .groups(Set.of(groups)).claim("district", district).sign();
    }

    static String expired(String district) {
        return Jwt.issuer(ISSUER).subject("admin-" + district).groups(Set.of("district-admin"))
                .claim("district", district).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    static String wrongIssuer(String district) {
        return Jwt.issuer("https://elsewhere.example/issuer").subject("admin-" + district)
                .groups(Set.of("district-admin")).claim("district", district).sign();
    }
}
