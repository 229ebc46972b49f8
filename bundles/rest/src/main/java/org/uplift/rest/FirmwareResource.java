package org.uplift.rest;

import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.uplift.api.dto.FirmwareDto;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.RepositoryException;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

/** {@code /uplift/firmware}: the firmware catalogue; viewers read it, admins remove from it. */
@Component(service = FirmwareResource.class)
@JaxrsResource
@JaxrsApplicationSelect(UpliftApplication.SELECT)
@Path("firmware")
@Produces(MediaType.APPLICATION_JSON)
public class FirmwareResource {

    private final FirmwareCatalog catalog;

    @Activate
    public FirmwareResource(@Reference FirmwareCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Requires(Role.VIEWER)
    public Response list() {
        return Replies.ok(Map.of("firmware", catalog.list().stream().map(FirmwareDto::of).toList()));
    }

    @GET
    @Path("{id}")
    @Requires(Role.VIEWER)
    public Response show(@PathParam("id") String id) {
        return Replies.ok(FirmwareDto.of(catalog.get(id)
                .orElseThrow(() -> ApiException.notFound("no firmware '" + id + "' in the catalogue"))));
    }

    /** Removes an image and its file, as {@code uplift:firmware-remove}; refused (409) while a job or campaign needs it. */
    @DELETE
    @Path("{id}")
    @Requires(Role.ADMIN)
    public Response remove(@PathParam("id") String id) {
        try {
            if (!catalog.remove(id)) {
                throw ApiException.notFound("no firmware '" + id + "' in the catalogue");
            }
            return Replies.ok(Map.of("removed", id));
        } catch (RepositoryException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }
}
