package org.uplift.rest.security;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.rest.JsonErrors;

/**
 * HTTP Basic authentication of every request, before it is matched to a resource (so an unknown path is 401 too,
 * and says nothing about what exists): 401 with {@code WWW-Authenticate} without valid credentials, 403 for a user
 * the realm knows but who holds none of Uplift's roles. The caller is then the request's {@link Caller}. It does not
 * depend on its order among the other filters: each of them refuses on its own.
 */
@PreMatching
public final class Authentication implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

    private final Logins logins;
    private final RoleMapping roles;
    /** The realm's absence is logged once until a login works again, not on every request. */
    private final AtomicBoolean unavailableLogged = new AtomicBoolean();

    public Authentication(Logins logins, RoleMapping roles) {
        this.logins = logins;
        this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<BasicCredentials> credentials = BasicCredentials
                .parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()) {
            request.abortWith(unauthorized("authentication required: HTTP Basic with a user of Karaf realm '"
                    + logins.realm() + "'"));
            return;
        }
        BasicCredentials c = credentials.get();
        Subject subject;
        try {
            subject = logins.login(c.user(), c.password());
            unavailableLogged.set(false);
        } catch (LoginException e) {
            // the realm's reason (unknown user, wrong password) stays here: the client learns only that it failed
            LOG.debug("REST login of user {} failed: {}", JsonErrors.oneLine(c.user()), e.getMessage());
            request.abortWith(unauthorized("wrong user name or password"));
            return;
        } catch (RuntimeException e) {
            if (unavailableLogged.compareAndSet(false, true)) {
                LOG.error("REST logins are not possible: {}", JsonErrors.oneLine(e.getMessage()));
            }
            request.abortWith(JsonErrors.response(503, "authentication is unavailable; the Karaf log says why"));
            return;
        } finally {
            c.wipe();
        }
        Optional<Role> role = roles.roleOf(subject);
        if (role.isEmpty()) {
            request.abortWith(
                    JsonErrors.response(403, "user " + c.user() + " holds no Uplift role (viewer, operator or admin)"));
            return;
        }
        request.setSecurityContext(new Caller(c.user(), role.get(), request.getSecurityContext() != null
                && request.getSecurityContext().isSecure()));
    }

    private Response unauthorized(String message) {
        Response r = JsonErrors.response(401, message);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE,
                "Basic realm=\"" + logins.realm().replace("\"", "") + "\", charset=\"UTF-8\"").build();
    }
}
