package org.ccsync.status;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.CanvasSimulatorConfig;

/**
 * The parts sign-in talks to, started once per test JVM: the district's identity provider (mock-oauth2-server, with
 * its login page) and Canvas as an LTI 1.3 platform (the project's Canvas simulator). Districts of the tests:
 * {@code rules} maps the provider's claims to roles; {@code lti} and {@code lti-admins} are Canvas platforms, the
 * second letting a Canvas Administrator in as district admin.
 *
 * <p>Use it with {@code @WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class SignInTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER_ID = "ccsync";
    public static final String CLIENT_ID = "ccsync-status";
    public static final String LTI_CLIENT_ID = "10000000000042";
    public static final String LTI_DEPLOYMENT_ID = "1:ccsync-test";
    public static final String LTI_ADMINS_CLIENT_ID = "10000000000043";
    public static final String LTI_ADMINS_DEPLOYMENT_ID = "2:ccsync-admins";

    private static MockOAuth2Server idp;
    private static CanvasSimulator canvas;

    /** The identity provider, started on first use. */
    public static synchronized MockOAuth2Server idp() {
        if (idp == null) {
            idp = new MockOAuth2Server(new OAuth2Config(true, null, null, false));
            try {
                idp.start(InetAddress.getByName("127.0.0.1"), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return idp;
    }

    /** The Canvas platform, seeded with the demo district, started on first use. */
    public static synchronized CanvasSimulator canvas() {
        if (canvas == null) {
            canvas = CanvasSimulator.start(CanvasSimulatorConfig.defaults());
        }
        return canvas;
    }

    public static String issuer() {
        return idp().issuerUrl(ISSUER_ID).toString();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.auth-server-url", issuer());
        config.put("ccsync.districts.rules.sign-in.admins", "groups=rules-admins,email=boss@rules.example.org");
        config.put("ccsync.districts.rules.sign-in.teachers", "hd=rules.example.org");
        platform(config, "lti", LTI_CLIENT_ID, LTI_DEPLOYMENT_ID);
        platform(config, "lti-admins", LTI_ADMINS_CLIENT_ID, LTI_ADMINS_DEPLOYMENT_ID);
        config.put("ccsync.districts.lti-admins.lti.administrator-is-district-admin", "true");
        return config;
    }

    private static void platform(Map<String, String> config, String tenant, String clientId, String deploymentId) {
        String prefix = "ccsync.districts." + tenant + ".lti.";
        config.put(prefix + "issuer", canvas().baseUrl());
        config.put(prefix + "client-id", clientId);
        config.put(prefix + "deployment-ids", deploymentId);
        config.put(prefix + "jwks-url", canvas().jwksUrl());
        config.put(prefix + "authorization-url", canvas().baseUrl() + "/api/lti/authorize_redirect");
    }

    @Override
    public void stop() {
        // Both live until the JVM exits, like the broker and the database: the next Quarkus restart reuses them.
    }
}
