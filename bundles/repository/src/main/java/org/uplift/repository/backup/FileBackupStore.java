package org.uplift.repository.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.RepositoryException;
import org.uplift.repository.storage.AtomicFiles;
import org.uplift.repository.storage.Names;
import org.uplift.repository.storage.Sha256;
import org.uplift.repository.storage.StorageLocation;

/**
 * Backups as files: one folder per device, {@code N.cfg} and its metadata {@code N.properties}.
 * The metadata is written after the content, so a version exists only once its content is on disk.
 */
@Component(service = BackupStore.class, configurationPid = FileBackupStore.PID)
@Designate(ocd = FileBackupStore.Config.class)
public class FileBackupStore implements BackupStore {

    static final String PID = "org.uplift.backups";

    private static final Logger LOG = LoggerFactory.getLogger(FileBackupStore.class);
    private static final Pattern METADATA = Pattern.compile("([1-9][0-9]{0,8})\\.properties");

    @ObjectClassDefinition(name = "Uplift configuration backups",
            description = "Where Uplift keeps the configurations it backs up from devices")
    public @interface Config {
        @AttributeDefinition(name = "Directory",
                description = "Folder of the backups, one sub-folder per device; empty means ${karaf.data}/uplift/backups")
        String directory() default "";
    }

    private final Path directory;
    private final Clock clock;

    @Activate
    public FileBackupStore(Config config) throws IOException {
        this(StorageLocation.resolve(config.directory(), "backups"), Clock.systemUTC());
    }

    FileBackupStore(Path directory, Clock clock) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.clock = clock;
        LOG.info("Configuration backups in {}", directory);
    }

    @Override
    public synchronized ConfigBackup store(String deviceId, byte[] content, String firmwareVersion,
            String formatVersion) throws RepositoryException {
        checkDeviceId(deviceId);
        if (content == null || content.length == 0) {
            throw new RepositoryException("the configuration of device " + deviceId
                    + " is empty; nothing was stored. Check that the device's upload completed");
        }
        Path folder = directory.resolve(deviceId);
        int version = history(deviceId).stream().mapToInt(ConfigBackup::version).max().orElse(0) + 1;
        ConfigBackup backup = new ConfigBackup(deviceId, version, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                content.length, Sha256.of(content), nullToEmpty(firmwareVersion), nullToEmpty(formatVersion));
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(contentFile(folder, version), content);
            BackupRecord.write(metadataFile(folder, version), backup);
        } catch (IOException e) {
            throw new RepositoryException("cannot store backup version " + version + " of device " + deviceId
                    + " in " + folder + ": " + e.getMessage() + "; check the folder's free space and permissions", e);
        }
        LOG.info("Stored backup version {} of device {} ({} bytes, SHA-256 {})", version, deviceId,
                backup.size(), backup.sha256());
        return backup;
    }

    @Override
    public List<ConfigBackup> history(String deviceId) {
        if (!Names.isDeviceId(deviceId)) {
            return List.of();
        }
        Path folder = directory.resolve(deviceId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<ConfigBackup> backups = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.properties")) {
            for (Path file : files) {
                Matcher name = METADATA.matcher(file.getFileName().toString());
                if (name.matches()) {
                    readRecord(file, deviceId, Integer.parseInt(name.group(1))).ifPresent(backups::add);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the backups of device {} in {}: {}", deviceId, folder, e.getMessage());
        }
        backups.sort(Comparator.comparingInt(ConfigBackup::version));
        return backups;
    }

    @Override
    public Optional<ConfigBackup> latest(String deviceId) {
        List<ConfigBackup> backups = history(deviceId);
        return backups.isEmpty() ? Optional.empty() : Optional.of(backups.get(backups.size() - 1));
    }

    @Override
    public byte[] read(String deviceId, int version) throws RepositoryException {
        checkDeviceId(deviceId);
        Path folder = directory.resolve(deviceId);
        ConfigBackup backup = history(deviceId).stream().filter(b -> b.version() == version).findFirst()
                .orElseThrow(() -> new RepositoryException("device " + deviceId + " has no backup version " + version
                        + "; its history has " + describeVersions(deviceId)));
        byte[] content;
        try {
            content = Files.readAllBytes(contentFile(folder, version));
        } catch (NoSuchFileException e) {
            throw new RepositoryException("backup version " + version + " of device " + deviceId
                    + " has lost its file " + contentFile(folder, version) + "; take a new backup", e);
        } catch (IOException e) {
            throw new RepositoryException("cannot read backup version " + version + " of device " + deviceId
                    + ": " + e.getMessage(), e);
        }
        String actual = Sha256.of(content);
        if (!actual.equals(backup.sha256())) {
            throw new RepositoryException("backup version " + version + " of device " + deviceId
                    + " changed on disk since it was stored: expected SHA-256 " + backup.sha256() + ", found "
                    + actual + "; do not restore it, use another version or take a new backup");
        }
        return content;
    }

    private static void checkDeviceId(String deviceId) throws RepositoryException {
        if (!Names.isDeviceId(deviceId)) {
            throw new RepositoryException("device id '" + deviceId + "' is not allowed: use 1-64 characters of"
                    + " A-Z a-z 0-9 . _ : - (and not only dots)");
        }
    }

    private String describeVersions(String deviceId) {
        List<ConfigBackup> backups = history(deviceId);
        if (backups.isEmpty()) {
            return "no versions";
        }
        return "versions " + backups.get(0).version() + " to " + backups.get(backups.size() - 1).version();
    }

    private Optional<ConfigBackup> readRecord(Path file, String deviceId, int version) {
        try {
            return Optional.of(BackupRecord.read(file, deviceId, version));
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable backup metadata {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static Path contentFile(Path folder, int version) {
        return folder.resolve(version + ".cfg");
    }

    private static Path metadataFile(Path folder, int version) {
        return folder.resolve(version + ".properties");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
