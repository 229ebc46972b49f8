package org.uplift.rest.security;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

/** The authenticated caller of a request: its user name and Uplift role, as the request's SecurityContext. */
public final class Caller implements SecurityContext {

    private final String user;
    private final Role role;
    private final boolean secure;

    Caller(String user, Role role, boolean secure) {
        this.user = user;
        this.role = role;
        this.secure = secure;
    }

    public String user() {
        return user;
    }

    public Role role() {
        return role;
    }

    @Override
    public Principal getUserPrincipal() {
        return () -> user;
    }

    /** True for the caller's role and every role it includes ({@code viewer}, {@code operator}, {@code admin}). */
    @Override
    public boolean isUserInRole(String name) {
        for (Role r : Role.values()) {
            if (r.label().equals(name)) {
                return role.includes(r);
            }
        }
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }
}
