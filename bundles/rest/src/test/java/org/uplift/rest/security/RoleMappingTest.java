package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Principal;
import java.util.Optional;

import javax.security.auth.Subject;

import org.junit.jupiter.api.Test;

class RoleMappingTest {

    /** Karaf's principal classes are matched by simple name; these stand in for them. */
    record RolePrincipal(String getName) implements Principal {
    }

    record GroupPrincipal(String getName) implements Principal {
    }

    record UserPrincipal(String getName) implements Principal {
    }

    private final RoleMapping defaults = new RoleMapping(new String[]{"viewer"}, new String[]{"operator"},
            new String[]{"admin"});

    static Subject subject(Principal... principals) {
        Subject s = new Subject();
        for (Principal p : principals) {
            s.getPrincipals().add(p);
        }
        return s;
    }

    @Test
    void givenKarafRoles_whenMapped_thenTheHighestUpliftRoleIsTheCallers() {
        assertEquals(Optional.of(Role.VIEWER), defaults.roleOf(subject(new RolePrincipal("viewer"))));
        assertEquals(Optional.of(Role.OPERATOR),
                defaults.roleOf(subject(new RolePrincipal("viewer"), new RolePrincipal("operator"))));
        // Karaf's stock admingroup: group,admin,manager,viewer,systembundles,ssh
        assertEquals(Optional.of(Role.ADMIN),
                defaults.roleOf(subject(new UserPrincipal("karaf"), new GroupPrincipal("admingroup"),
                        new RolePrincipal("group"), new RolePrincipal("admin"), new RolePrincipal("manager"),
                        new RolePrincipal("viewer"))));
    }

    @Test
    void givenNoMatchingRoleOrGroup_whenMapped_thenNoRole() {
        assertEquals(Optional.empty(),
                defaults.roleOf(subject(new RolePrincipal("manager"), new RolePrincipal("ssh"))));
        assertEquals(Optional.empty(), defaults.roleOf(subject(new UserPrincipal("admin"))),
                "a user named admin is not the admin role");
        assertEquals(Optional.empty(), defaults.roleOf(subject()));
    }

    @Test
    void givenConfiguredNamesAndGroups_whenMapped_thenTheyGrantTheirRole() {
        // as etc/org.uplift.rest.security.cfg hands them: one string, comma-separated
        RoleMapping mapped = new RoleMapping(new String[]{"viewer, uplift-readers"}, new String[]{" manager ,noc"},
                new String[]{""});
        assertEquals(Optional.of(Role.VIEWER), mapped.roleOf(subject(new GroupPrincipal("uplift-readers"))));
        assertEquals(Optional.of(Role.OPERATOR), mapped.roleOf(subject(new RolePrincipal("manager"))));
        assertEquals(Optional.of(Role.OPERATOR),
                mapped.roleOf(subject(new GroupPrincipal("noc"), new RolePrincipal("admin"))),
                "nobody is admin when no name is configured for it");
    }
}
