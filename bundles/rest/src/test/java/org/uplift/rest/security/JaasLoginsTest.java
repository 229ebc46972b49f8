package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.junit.jupiter.api.Test;

/** JaasLogins through the real JAAS machinery: a realm of one module, as Karaf's Configuration would hand it. */
class JaasLoginsTest {

    public record RolePrincipal(String getName) implements Principal {
    }

    /** Knows one user, "olga" with password "o-pw", holding Karaf role "operator". */
    public static final class OneUserModule implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private boolean ok;

        @Override
        public void initialize(Subject s, CallbackHandler h, Map<String, ?> sharedState, Map<String, ?> options) {
            subject = s;
            handler = h;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[]{name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            ok = "olga".equals(name.getName()) && "o-pw".equals(new String(password.getPassword()));
            if (!ok) {
                throw new FailedLoginException("Password for " + name.getName() + " does not match");
            }
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new RolePrincipal("operator"));
            return ok;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    private static final Configuration REALMS = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return !name.equals("karaf") ? null : new AppConfigurationEntry[]{new AppConfigurationEntry(
                    OneUserModule.class.getName(), LoginModuleControlFlag.REQUIRED, Map.of())};
        }
    };

    private final RoleMapping roles = new RoleMapping(new String[]{"viewer"}, new String[]{"operator"},
            new String[]{"admin"});

    @Test
    void givenTheRightPassword_whenLoggedIn_thenTheSubjectCarriesTheRealmsRoles() throws Exception {
        Subject subject = new JaasLogins("karaf", () -> REALMS).login("olga", "o-pw".toCharArray());
        assertEquals(Optional.of(Role.OPERATOR), roles.roleOf(subject));
    }

    @Test
    void givenAWrongPassword_whenLoggedIn_thenTheLoginFails() {
        assertThrows(LoginException.class,
                () -> new JaasLogins("karaf", () -> REALMS).login("olga", "nope".toCharArray()));
    }

    @Test
    void givenARealmThatDoesNotExist_whenLoggedIn_thenItSaysSoWithoutBlamingTheUser() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JaasLogins("corp", () -> REALMS).login("olga", "o-pw".toCharArray()));
        assertEquals("no JAAS realm 'corp' (realm of org.uplift.rest.security)", e.getMessage());
    }
}
