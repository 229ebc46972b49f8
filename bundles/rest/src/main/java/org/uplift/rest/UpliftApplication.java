package org.uplift.rest;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;
import org.uplift.rest.security.Authentication;
import org.uplift.rest.security.ConfigLists;
import org.uplift.rest.security.JaasLogins;
import org.uplift.rest.security.OriginCheck;
import org.uplift.rest.security.RoleFeature;
import org.uplift.rest.security.RoleMapping;
import org.uplift.rest.security.SecurityConfig;

/**
 * The JAX-RS application every Uplift resource selects: served under {@code /uplift}, with the JSON reader and writer
 * (Jackson, {@link JsonMapping}), the JSON error mapper, and the request checks (HTTP Basic login, the foreign-origin refusal, each method's role).
 * The checks are the application's own providers, not whiteboard extensions, so the API is never served without
 * them; a change of {@link SecurityConfig} re-creates the application.
 */
@Component(service = Application.class, configurationPid = SecurityConfig.PID)
@Designate(ocd = SecurityConfig.class)
@JaxrsApplicationBase(UpliftApplication.BASE)
@JaxrsName(UpliftApplication.NAME)
public class UpliftApplication extends Application {

    static final String NAME = "uplift";
    static final String BASE = "uplift";
    /** The {@code osgi.jaxrs.application.select} filter of Uplift's resources. */
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";

    private final Set<Object> providers;

    @Activate
    public UpliftApplication(SecurityConfig config) {
        RoleMapping roles = new RoleMapping(config.viewerRoles(), config.operatorRoles(), config.adminRoles());
        providers = Set.of(new JsonBodyReader(), new JsonBodyWriter(), new JsonErrors(),
                new Authentication(new JaasLogins(config.realm().trim()), roles),
                new OriginCheck(ConfigLists.of(config.allowedOrigins())),
                new RoleFeature());
    }

    @Override
    public Set<Object> getSingletons() {
        return providers;
    }
}
