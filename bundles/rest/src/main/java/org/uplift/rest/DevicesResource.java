package org.uplift.rest;

import java.util.Map;

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
import org.uplift.api.device.Device;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

/** {@code /uplift/devices}: the devices of every inventory, never with their SNMP secrets. */
@Component(service = DevicesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(UpliftApplication.SELECT)
@Path("devices")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    private final DeviceDirectory directory;
    private final BackupStore backups;
    private final UpgradeService upgrades;

    @Activate
    public DevicesResource(@Reference DeviceDirectory directory, @Reference BackupStore backups,
            @Reference UpgradeService upgrades) {
        this.directory = directory;
        this.backups = backups;
        this.upgrades = upgrades;
    }

    @GET
    @Requires(Role.VIEWER)
    public Response list() {
        return Replies.ok(Map.of("devices", directory.devices().stream().map(Views::device).toList()));
    }

    /** One device, its newest backup and its jobs (newest first). */
    @GET
    @Path("{id}")
    @Requires(Role.VIEWER)
    public Response show(@PathParam("id") String id) {
        Device device = directory.device(id)
                .orElseThrow(() -> ApiException.notFound("no device '" + id + "' in the inventory"));
        Map<String, Object> view = Views.device(device);
        view.put("latestBackup", backups.latest(id).map(Views::backup).orElse(null));
        view.put("jobs", upgrades.jobs().stream().filter(j -> j.deviceId().equals(id)).map(Views::jobSummary).toList());
        return Replies.ok(view);
    }
}
