package org.ccsync.sandbox.canvas;

import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** Holds the previous, current and next 2048-bit RSA keys, publishes them as a JWKS and signs with the current. */
final class SigningKeys {

    private RsaJsonWebKey previous;
    private RsaJsonWebKey current;
    private RsaJsonWebKey next;

    SigningKeys() {
        previous = generate();
        current = generate();
        next = generate();
    }

    /** previous ← current, current ← next, next ← a new key; returns the new current kid. */
    synchronized String rotate() {
        previous = current;
        current = next;
        next = generate();
        return current.getKeyId();
    }

    synchronized String currentKeyId() {
        return current.getKeyId();
    }

    /** {@code {"keys":[previous, current, next]}} with public parts only. */
    synchronized String jwksJson() {
        return new JsonWebKeySet(previous, current, next).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** A compact RS256 JWS whose payload is {@code claimsJson}, with the current kid in its header. */
    synchronized String sign(String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(current.getKeyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(current.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign event", e);
        }
    }

    private static RsaJsonWebKey generate() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(UUID.randomUUID().toString());
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate RSA key", e);
        }
    }
}
