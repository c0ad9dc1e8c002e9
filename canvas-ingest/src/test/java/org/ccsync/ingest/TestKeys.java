package org.ccsync.ingest;

import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** RSA keys generated for the test run, the JWKS that publishes them, and compact JWS signing. */
public final class TestKeys {

    /** The district's current key, published from the start. */
    public static final RsaJsonWebKey CURRENT = generate("k1");
    /** The next key: published only once the JWKS rotates. */
    public static final RsaJsonWebKey NEXT = generate("k2");
    /** Never published. */
    public static final RsaJsonWebKey UNKNOWN = generate("k-unknown");
    /** An attacker's key that claims the current key id. */
    public static final RsaJsonWebKey FORGED = generate("k1");

    private TestKeys() {
    }

    static String jwks(RsaJsonWebKey... keys) {
        return new JsonWebKeySet(List.of(keys)).toJson();
    }

    public static String sign(RsaJsonWebKey key, String payload) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload);
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HS256 JWS claiming the current key id: the algorithm-confusion attack. */
    public static String signHs256(String payload) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload);
            jws.setKey(new HmacKey("a-shared-secret-of-at-least-32-bytes!!".getBytes()));
            jws.setKeyIdHeaderValue("k1");
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey generate(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
