package org.uplift.rest;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The JAX-RS application every Uplift resource selects: served under {@code /uplift}, with the JSON writer
 * and the JSON error mapper, so the resources' answers and the runtime's own errors are JSON alike.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(UpliftApplication.BASE)
@JaxrsName(UpliftApplication.NAME)
public class UpliftApplication extends Application {

    static final String NAME = "uplift";
    static final String BASE = "uplift";
    /** The {@code osgi.jaxrs.application.select} filter of Uplift's resources. */
    static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";

    @Override
    public Set<Object> getSingletons() {
        return Set.of(new JsonBodyWriter(), new JsonErrors());
    }
}
