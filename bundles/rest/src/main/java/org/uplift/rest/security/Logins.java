package org.uplift.rest.security;

import javax.security.auth.Subject;
import javax.security.auth.login.LoginException;

/** Checks a user name and password; {@link JaasLogins} against a JAAS realm, tests against a fake. */
public interface Logins {

    /**
     * The authenticated subject with its principals (user, roles, groups).
     *
     * @throws LoginException        if the name or password is wrong or the account is locked
     * @throws IllegalStateException if no login can be made at all (the realm does not exist)
     */
    Subject login(String user, char[] password) throws LoginException;

    /** The realm named in {@code WWW-Authenticate}. */
    String realm();
}
