package org.uplift.rest.security;

import java.lang.reflect.Method;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.core.SecurityContext;

import org.uplift.rest.JsonErrors;

/**
 * Binds to every resource method a check of the role its {@link Requires} names; a method without one is refused
 * to everybody, so forgetting the annotation closes an endpoint instead of opening it.
 */
public final class RoleFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        context.register(new RoleCheck(required(resource.getResourceMethod())));
    }

    /** The role a method needs, or {@code null} when it names none. */
    static Role required(Method method) {
        Requires requires = method == null ? null : method.getAnnotation(Requires.class);
        return requires == null ? null : requires.value();
    }

    /** The check of one method, after authentication and resource matching. */
    static final class RoleCheck implements ContainerRequestFilter {

        private final Role needed;

        RoleCheck(Role needed) {
            this.needed = needed;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (!(security instanceof Caller caller)) {
                request.abortWith(JsonErrors.response(401, "authentication required"));
                return;
            }
            if (needed == null) {
                request.abortWith(JsonErrors.response(403, "this endpoint declares no role; nobody may call it"));
                return;
            }
            if (!caller.role().includes(needed)) {
                request.abortWith(JsonErrors.response(403, "user " + caller.user() + " is " + caller.role().label()
                        + "; this needs " + needed.label()));
            }
        }
    }
}
