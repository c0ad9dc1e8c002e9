package org.ccsync.status.access;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ccsync.status.platform.StatusConfig;

/**
 * Where the sign-in page takes a pasted token ({@code ccsync.auth.token-sign-in}, the sandbox and tests), hands the
 * token kept in the HttpOnly cookie to the identity provider's bearer-token check, as if it came in the
 * Authorization header. The token is verified on every request like any bearer token.
 */
@ApplicationScoped
public class TokenCookieFilter {

    /** The cookie the sign-in form keeps a pasted token in. */
    public static final String COOKIE = "ccsync_token";
    /** Routing-context flag: the bearer token came from the cookie (sign-in {@code token}, not {@code script}). */
    static final String FROM_COOKIE = "ccsync.token-from-cookie";

    private final StatusConfig config;

    public TokenCookieFilter(StatusConfig config) {
        this.config = config;
    }

    /** Runs before authentication, which reads the Authorization header. */
    void register(@Observes Filters filters) {
        filters.register(this::tokenFromCookie, 100);
    }

    private void tokenFromCookie(RoutingContext context) {
        String path = context.request().path();
        // The identity provider's sign-in and sign-out paths and the LTI tool take no pasted token.
        boolean ownSignIn = path.startsWith("/ui/sign-in/") || path.startsWith("/ui/sign-out/")
                || path.startsWith("/lti/");
        if (config.auth().tokenSignIn() && !ownSignIn && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            Cookie cookie = context.request().getCookie(COOKIE);
            if (cookie != null && !cookie.getValue().isBlank()) {
                context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + cookie.getValue());
                context.put(FROM_COOKIE, Boolean.TRUE);
            }
        }
        context.next();
    }
}
