package org.uplift.rest.security;

import java.security.Principal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

/**
 * Which Uplift role a logged-in subject holds: the highest whose configured names include one of the subject's
 * Karaf roles or groups. Karaf's login modules add a {@code RolePrincipal} per role (a user's own and those of its
 * {@code _g_:} groups) and a {@code GroupPrincipal} per group; both are matched by their class's simple name, so
 * no Karaf class is needed and another realm with principals of those names works alike.
 */
public final class RoleMapping {

    private static final Set<String> MATCHED_PRINCIPALS = Set.of("RolePrincipal", "GroupPrincipal");

    private final Map<Role, Set<String>> names = new EnumMap<>(Role.class);

    /**
     * @param viewer   Karaf role or group names that make a viewer
     * @param operator those that make an operator
     * @param admin    those that make an admin
     */
    public RoleMapping(String[] viewer, String[] operator, String[] admin) {
        names.put(Role.VIEWER, ConfigLists.of(viewer));
        names.put(Role.OPERATOR, ConfigLists.of(operator));
        names.put(Role.ADMIN, ConfigLists.of(admin));
    }

    /** The subject's highest Uplift role, if any. */
    public Optional<Role> roleOf(Subject subject) {
        Set<String> held = subject.getPrincipals().stream()
                .filter(p -> MATCHED_PRINCIPALS.contains(p.getClass().getSimpleName()))
                .map(Principal::getName).collect(Collectors.toSet());
        Role best = null;
        for (Role role : Role.values()) {
            if (names.get(role).stream().anyMatch(held::contains)) {
                best = role;
            }
        }
        return Optional.ofNullable(best);
    }
}
