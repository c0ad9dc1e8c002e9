package org.ccsync.sandbox.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The sandbox's identity provider: an RSA key whose public half status-service trusts, and signed bearer tokens for
 * a district admin or a teacher, shaped as a district's Azure AD or Google tokens would be after mapping.
 */
public final class SandboxTokens {

    /** The {@code iss} claim of every sandbox token. */
    public static final String ISSUER = "https://sandbox.ccsync.local/issuer";

    private final RsaJsonWebKey key;
    private final Path publicKeyPem;

    private SandboxTokens(RsaJsonWebKey key, Path publicKeyPem) {
        this.key = key;
        this.publicKeyPem = publicKeyPem;
    }

    /** Generates a key pair and writes the public key as PEM into the directory. */
    public static SandboxTokens create(Path directory) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("sandbox-" + UUID.randomUUID());
            Files.createDirectories(directory);
            Path pem = directory.resolve("sandbox-jwt-public.pem");
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getPublicKey().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            return new SandboxTokens(key, pem);
        } catch (JoseException e) {
            throw new IllegalStateException("could not generate the sandbox signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM file status-service verifies tokens with. */
    public Path publicKeyPem() {
        return publicKeyPem;
    }

    /** The private signing key (PKCS#8, Base64), for tests that prove it never reaches a log. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(key.getPrivateKey().getEncoded());
    }

    /** A token of a district admin of the tenant, valid for eight hours. */
    public String districtAdmin(String tenant, String email) {
        return sign(tenant, email, "district-admin");
    }

    /** A token of a teacher of the tenant, identified by the e-mail that is their Canvas login. */
    public String teacher(String tenant, String email) {
        return sign(tenant, email, "teacher");
    }

    private String sign(String tenant, String email, String role) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(email);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(8 * 60);
        claims.setGeneratedJwtId();
        claims.setClaim("upn", email);
        claims.setClaim("email", email);
        claims.setClaim("district", tenant);
        claims.setStringListClaim("groups", List.of(role));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a sandbox token", e);
        }
    }
}
