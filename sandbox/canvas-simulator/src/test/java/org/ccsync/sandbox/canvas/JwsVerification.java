package org.ccsync.sandbox.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** Verifies a compact JWS against a JWKS document with jose4j, as a Live Event consumer would. */
final class JwsVerification {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JwsVerification() {
    }

    /** The verified claims; throws when the kid is unknown or the signature is wrong. */
    static JsonNode verifiedClaims(String compactJws, String jwksJson) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(compactJws);
        JsonWebKey key = new JsonWebKeySet(jwksJson).getJsonWebKeys().stream()
                .filter(k -> k.getKeyId().equals(jws.getKeyIdHeaderValue())).findFirst()
                .orElseThrow(() -> new JoseException("unknown kid " + jws.getKeyIdHeaderValue()));
        jws.setKey(key.getKey());
        if (!jws.verifySignature()) {
            throw new JoseException("bad signature");
        }
        return MAPPER.readTree(jws.getPayload());
    }

    static String kid(String compactJws) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(compactJws);
        return jws.getKeyIdHeaderValue();
    }
}
