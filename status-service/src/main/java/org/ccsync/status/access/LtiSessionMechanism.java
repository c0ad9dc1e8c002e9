package org.ccsync.status.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates a browser by the session cookie a verified LTI launch set ({@link LtiResource}); the session itself
 * is looked up by {@link LtiSessionIdentityProvider}. Without the cookie, or with one whose session ended, it steps
 * aside for the identity provider's sign-in.
 */
@ApplicationScoped
public class LtiSessionMechanism implements HttpAuthenticationMechanism {

    /** The cookie that holds an LTI session's id. */
    public static final String COOKIE = "ccsync_lti_session";

    /** The session id from the cookie, for the identity provider. */
    public static final class Request extends BaseAuthenticationRequest {

        private final String sessionId;

        Request(String sessionId) {
            this.sessionId = sessionId;
        }

        String sessionId() {
            return sessionId;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request = HttpSecurityUtils.setRoutingContextAttribute(new Request(cookie.getValue()),
                context);
        return identityProviderManager.authenticate(request)
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(Request.class);
    }

    @Override
    public int getPriority() {
        // Before the identity provider's mechanisms: a launch from Canvas is the most recent sign-in in this browser.
        return DEFAULT_PRIORITY + 100;
    }
}
