package org.uplift.rest;

import java.util.List;
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
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.dto.BackupDto;
import org.uplift.api.dto.DeviceDto;
import org.uplift.api.dto.JobSummaryDto;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

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
        return Replies.ok(Map.of("devices", directory.devices().stream().map(DeviceDto::of).toList()));
    }

    /** One device, its newest backup and its jobs (newest first). */
    @GET
    @Path("{id}")
    @Requires(Role.VIEWER)
    public Response show(@PathParam("id") String id) {
        Device device = directory.device(id)
                .orElseThrow(() -> ApiException.notFound("no device '" + id + "' in the inventory"));
        return Replies.ok(new DeviceReply(DeviceDto.of(device), backups.latest(id).map(BackupDto::of).orElse(null),
                upgrades.jobs().stream().filter(j -> j.deviceId().equals(id)).map(JobSummaryDto::of).toList()));
    }

    /**
     * One device's answer: its fields, then its newest backup and its jobs.
     *
     * @param device       the device
     * @param latestBackup its newest backup, or {@code null}
     * @param jobs         its jobs, newest first
     */
    public record DeviceReply(@JsonUnwrapped DeviceDto device, BackupDto latestBackup, List<JobSummaryDto> jobs) {
    }
}
