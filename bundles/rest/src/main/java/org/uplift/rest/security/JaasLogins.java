package org.uplift.rest.security;

import java.io.IOException;
import java.util.function.Supplier;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logins against a JAAS realm through the standard API only. Karaf installs its realms ({@code karaf} and any
 * {@code JaasRealm} service) as the JVM's JAAS {@link Configuration}, as Karaf's Web Console does its BASIC login,
 * so Uplift needs nothing of Karaf's at run time.
 */
public final class JaasLogins implements Logins {

    private final String realm;
    private final Supplier<Configuration> configuration;

    /** Logins against {@code realm} of the JVM's JAAS configuration, looked up on each login (Karaf may replace it). */
    public JaasLogins(String realm) {
        this(realm, Configuration::getConfiguration);
    }

    JaasLogins(String realm, Supplier<Configuration> configuration) {
        this.realm = realm;
        this.configuration = configuration;
    }

    @Override
    public String realm() {
        return realm;
    }

    @Override
    public Subject login(String user, char[] password) throws LoginException {
        Configuration config = configuration.get();
        if (config.getAppConfigurationEntry(realm) == null) {
            throw new IllegalStateException("no JAAS realm '" + realm + "' (realm of org.uplift.rest.security)");
        }
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads the realm's module classes through the context class loader; Karaf's proxy module is
        // visible to the loader of Karaf's Configuration, not necessarily to the HTTP thread's.
        ClassLoader configLoader = config.getClass().getClassLoader();
        if (configLoader != null) {
            thread.setContextClassLoader(configLoader);
        }
        try {
            new LoginContext(realm, subject, new NamePassword(user, password), config).login();
            return subject;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Answers the realm's name and password callbacks; anything else it asks for is refused. */
    private record NamePassword(String user, char[] password) implements CallbackHandler {

        @Override
        public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback pass) {
                    pass.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }
    }
}
