package org.ccsync.sandbox.stack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The sandbox's identity provider: mock-oauth2-server, a standards-compliant OpenID Connect provider (discovery,
 * login page, authorization code, client credentials, JWKS), playing the district's Entra ID or Google Workspace.
 * People sign in on its login page, where the demo admin and the demo teachers are one click each; tests and
 * scripts get bearer tokens from it, with the district claim and the project role, as the sandbox always gave.
 */
public final class SandboxTokens implements AutoCloseable {

    /** The issuer's id: the issuer is {@code http://127.0.0.1:<port>/demo}. */
    public static final String ISSUER_ID = "demo";
    /** status-service's client at the provider (any secret is accepted by the mock). */
    public static final String CLIENT_ID = "ccsync-status";
    public static final String CLIENT_SECRET = "demo-secret";
    /** The group the provider puts the demo district's admins in; status-service maps it to district admin. */
    public static final String ADMIN_GROUP = "demo-sis-coordinators";
    /** The hosted domain of the demo district's accounts; status-service maps it to teacher. */
    public static final String DOMAIN = "demo.k12.example";

    private final MockOAuth2Server server;
    private final RSAKey key;

    private SandboxTokens(MockOAuth2Server server, RSAKey key) {
        this.server = server;
        this.key = key;
    }

    /**
     * Starts the provider on 127.0.0.1 ({@code port} 0 for a free one), with its login page written into the
     * directory.
     */
    public static SandboxTokens start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            Path loginPage = directory.resolve("idp-login.html");
            try (InputStream page = SandboxTokens.class.getResourceAsStream("/idp-login.html")) {
                if (page == null) {
                    throw new IllegalStateException("idp-login.html is missing from the classpath");
                }
                Files.write(loginPage, page.readAllBytes());
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID("sandbox-" + UUID.randomUUID())
                    .algorithm(JWSAlgorithm.RS256).generate();
            OAuth2TokenProvider tokens = new OAuth2TokenProvider(new KeyProvider(List.of(key),
                    JWSAlgorithm.RS256.getName()));
            MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true, loginPage.toString(), null, false,
                    tokens));
            server.start(InetAddress.getByName("127.0.0.1"), port);
            return new SandboxTokens(server, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate the sandbox signing key", e);
        }
    }

    /** The issuer status-service trusts ({@code quarkus.oidc.auth-server-url}). */
    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The token endpoint, for a script's client-credentials request. */
    public String tokenEndpoint() {
        return server.tokenEndpointUrl(ISSUER_ID).toString();
    }

    /** The private signing key (PKCS#8, Base64), for tests that prove it never reaches a log. */
    public String privateKeyBase64() {
        try {
            return Base64.getEncoder().encodeToString(key.toRSAPrivateKey().getEncoded());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of a district admin of the tenant, valid for eight hours. */
    public String districtAdmin(String tenant, String email) {
        return issue(tenant, email, "district-admin");
    }

    /** A token of a teacher of the tenant, identified by the e-mail that is their Canvas login. */
    public String teacher(String tenant, String email) {
        return issue(tenant, email, "teacher");
    }

    private String issue(String tenant, String email, String role) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("upn", email);
        claims.put("email", email);
        claims.put("district", tenant);
        claims.put("groups", List.of(role));
        return server.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID, email, "JWT",
                List.of(CLIENT_ID), claims, 8 * 3600)).serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
