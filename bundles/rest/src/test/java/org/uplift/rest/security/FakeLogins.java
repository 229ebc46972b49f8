package org.uplift.rest.security;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/** A realm of a few users and their roles, that remembers the password arrays it was handed. */
final class FakeLogins implements Logins {

    record RolePrincipal(String getName) implements Principal {
    }

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, List<String>> roles = new HashMap<>();
    final List<char[]> passwordsSeen = new ArrayList<>();
    boolean realmMissing;

    FakeLogins user(String name, String password, String... userRoles) {
        passwords.put(name, password);
        roles.put(name, List.of(userRoles));
        return this;
    }

    @Override
    public Subject login(String user, char[] password) throws LoginException {
        passwordsSeen.add(password);
        if (realmMissing) {
            throw new IllegalStateException("no JAAS realm 'karaf'");
        }
        String expected = passwords.get(user);
        if (expected == null || !expected.equals(new String(password))) {
            throw new FailedLoginException("Password for " + user + " does not match");
        }
        Subject subject = new Subject();
        roles.get(user).forEach(r -> subject.getPrincipals().add(new RolePrincipal(r)));
        return subject;
    }

    @Override
    public String realm() {
        return "karaf";
    }
}
