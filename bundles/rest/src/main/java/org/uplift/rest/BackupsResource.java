package org.uplift.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.dto.BackupDiffDto;
import org.uplift.api.dto.BackupDto;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.RepositoryException;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * {@code /uplift/devices/{device}/backups}: a device's configuration backups, one with its content (checked
 * against its SHA-256 as it is read), and the diff of two.
 */
@Component(service = BackupsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(UpliftApplication.SELECT)
@Path("devices/{device}/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {

    private final DeviceDirectory directory;
    private final BackupStore backups;

    @Activate
    public BackupsResource(@Reference DeviceDirectory directory, @Reference BackupStore backups) {
        this.directory = directory;
        this.backups = backups;
    }

    /** The device's backups, oldest first. A device removed from the inventory still shows the backups it left. */
    @GET
    @Requires(Role.VIEWER)
    public Response list(@PathParam("device") String device) {
        return Replies.ok(Map.of("device", device, "backups", history(device).stream().map(BackupDto::of).toList()));
    }

    /** One backup's record and its content as text; device configurations hold secrets, so operators only. */
    @GET
    @Path("{version}")
    @Requires(Role.OPERATOR)
    public Response show(@PathParam("device") String device, @PathParam("version") String version) {
        ConfigBackup backup = find(device, version(version, "version"));
        return Replies.ok(new BackupReply(BackupDto.of(backup), new String(read(backup), StandardCharsets.UTF_8)));
    }

    /** The unified diff from backup {@code from} to backup {@code to}, volatile lines left out; it shows lines, so operators only. */
    @GET
    @Path("diff")
    @Requires(Role.OPERATOR)
    public Response diff(@PathParam("device") String device, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (from == null || to == null) {
            throw ApiException.badRequest(
                    "a diff needs ?from=N&to=M (backup versions, see /uplift/devices/" + device + "/backups)");
        }
        ConfigBackup older = find(device, version(from, "from"));
        ConfigBackup newer = find(device, version(to, "to"));
        try {
            BackupDiff diff = backups.diff(device, older.version(), newer.version());
            return Replies.ok(BackupDiffDto.of(device, diff));
        } catch (RepositoryException e) {
            throw new ApiException(500, e.getMessage());
        }
    }

    private List<ConfigBackup> history(String device) {
        List<ConfigBackup> history = backups.history(device);
        if (history.isEmpty() && directory.device(device).isEmpty()) {
            throw ApiException.notFound("no device '" + device + "' in the inventory and no backups of it");
        }
        return history;
    }

    private ConfigBackup find(String device, int version) {
        return history(device).stream().filter(b -> b.version() == version).findFirst()
                .orElseThrow(() -> ApiException.notFound("device " + device + " has no backup version " + version
                        + "; see /uplift/devices/" + device + "/backups"));
    }

    private byte[] read(ConfigBackup backup) {
        try {
            return backups.read(backup.deviceId(), backup.version());
        } catch (RepositoryException e) {
            // the store refuses a file that no longer matches its checksum: say so, it is not the client's fault
            throw new ApiException(500, e.getMessage());
        }
    }

    private static int version(String text, String name) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a backup version (1, 2, ...), got '" + text + "'");
    }

    /**
     * One backup's answer: its record and its content.
     *
     * @param backup  the record
     * @param content the configuration as text
     */
    public record BackupReply(@JsonUnwrapped BackupDto backup, String content) {
    }
}
