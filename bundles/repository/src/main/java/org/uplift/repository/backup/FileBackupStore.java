package org.uplift.repository.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.RepositoryUsage;
import org.uplift.common.files.PrivateFiles;
import org.uplift.repository.storage.AtomicFiles;
import org.uplift.repository.storage.Names;
import org.uplift.repository.storage.Sha256;
import org.uplift.repository.storage.StorageLocation;
import org.uplift.repository.usage.Usages;

/**
 * Backups as files: one folder per device, {@code N.cfg} and its metadata {@code N.properties}, all
 * readable by Karaf's user only (0700 folders, 0600 files).
 * The metadata is written after the content, so a version exists only once its content is on disk.
 * A backup identical to the newest is not stored again; beyond {@code keepPerDevice} versions the
 * oldest are deleted, except those a {@link RepositoryUsage} still needs.
 */
@Component(service = BackupStore.class, configurationPid = FileBackupStore.PID)
@Designate(ocd = FileBackupStore.Config.class)
public class FileBackupStore implements BackupStore {

    static final String PID = "org.uplift.backups";

    private static final Logger LOG = LoggerFactory.getLogger(FileBackupStore.class);
    private static final Pattern METADATA = Pattern.compile("([1-9][0-9]{0,8})\\.properties");

    @ObjectClassDefinition(name = "Uplift configuration backups", description = "Where Uplift keeps the configurations it backs up from devices")
    public @interface Config {
        @AttributeDefinition(name = "Directory", description = "Folder of the backups, one sub-folder per device; empty means ${karaf.data}/uplift/backups")
        String directory() default "";

        @AttributeDefinition(name = "Versions kept per device", description = "Older backups beyond this many per device are deleted, except those a job still needs; 0 keeps all")
        int keepPerDevice() default 50;

        @AttributeDefinition(name = "Volatile lines", description = "Regular expressions (Java syntax, searched in each line) of lines a diff ignores, such as timestamps and counters")
        String[] volatilePatterns() default {
                "^\\s*[!#;]+.*\\b([Ll]ast (configuration )?(change|changed|modified|updated|saved)|[Gg]enerated|[Ss]aved|[Ee]xported)\\b",
                "(?i)^\\s*[!#;]*\\s*(uptime|sysUpTime|timestamp|date|time)\\s*[:=]",
                "(?i)^\\s*ntp clock-period\\b"};
    }

    private final Path directory;
    private final Clock clock;
    private final int keepPerDevice;
    private final UnifiedDiff differ;
    private final Usages usages = new Usages();

    @Activate
    public FileBackupStore(Config config) throws IOException {
        this(StorageLocation.resolve(config.directory(), "backups"), Clock.systemUTC(), config.keepPerDevice(),
                compile(config.volatilePatterns()));
    }

    FileBackupStore(Path directory, Clock clock) throws IOException {
        this(directory, clock, 0, List.of());
    }

    FileBackupStore(Path directory, Clock clock, int keepPerDevice, List<Pattern> volatilePatterns)
            throws IOException {
        if (keepPerDevice < 0) {
            throw new IllegalArgumentException(PID + ": keepPerDevice must be 0 (keep all) or more, not "
                    + keepPerDevice);
        }
        this.directory = PrivateFiles.directory(directory);
        this.clock = clock;
        this.keepPerDevice = keepPerDevice;
        this.differ = new UnifiedDiff(volatilePatterns);
        LOG.info("Configuration backups in {}, keeping {} per device", directory,
                keepPerDevice == 0 ? "all versions" : "the last " + keepPerDevice + " versions");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUsage(RepositoryUsage usage) {
        usages.add(usage);
    }

    void removeUsage(RepositoryUsage usage) {
        usages.remove(usage);
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
        List<ConfigBackup> history = history(deviceId);
        String sha256 = Sha256.of(content);
        Optional<ConfigBackup> newest = history.isEmpty() ? Optional.empty()
                : Optional.of(history.get(history.size() - 1));
        if (newest.isPresent() && sameAs(newest.get(), sha256, firmwareVersion, formatVersion)) {
            LOG.info("Backup of device {} is identical to its version {} (SHA-256 {}); not stored again", deviceId,
                    newest.get().version(), sha256);
            return newest.get();
        }
        int version = newest.map(ConfigBackup::version).orElse(0) + 1;
        ConfigBackup backup = new ConfigBackup(deviceId, version, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                content.length, sha256, nullToEmpty(firmwareVersion), nullToEmpty(formatVersion));
        try {
            PrivateFiles.directory(folder);
            AtomicFiles.write(contentFile(folder, version), content);
            BackupRecord.write(metadataFile(folder, version), backup);
        } catch (IOException e) {
            throw new RepositoryException("cannot store backup version " + version + " of device " + deviceId
                    + " in " + folder + ": " + e.getMessage() + "; check the folder's free space and permissions", e);
        }
        LOG.info("Stored backup version {} of device {} ({} bytes, SHA-256 {})", version, deviceId,
                backup.size(), backup.sha256());
        applyRetention(deviceId, folder);
        return backup;
    }

    private static boolean sameAs(ConfigBackup newest, String sha256, String firmwareVersion, String formatVersion) {
        return newest.sha256().equals(sha256) && newest.firmwareVersion().equals(nullToEmpty(firmwareVersion))
                && newest.formatVersion().equals(nullToEmpty(formatVersion));
    }

    /** Deletes the oldest versions beyond {@code keepPerDevice}; a failure here never fails the new backup. */
    private void applyRetention(String deviceId, Path folder) {
        if (keepPerDevice == 0) {
            return;
        }
        List<ConfigBackup> history = history(deviceId);
        int excess = history.size() - keepPerDevice;
        if (excess <= 0) {
            return;
        }
        Set<Integer> inUse = usages.backupsInUse(deviceId);
        if (inUse == null) {
            return;
        }
        for (ConfigBackup old : history.subList(0, excess)) {
            if (inUse.contains(old.version())) {
                LOG.info("Keeping backup version {} of device {} beyond the retention of {}: a job still needs it",
                        old.version(), deviceId, keepPerDevice);
                continue;
            }
            try {
                // metadata first: a half-deleted version must not be listed
                Files.deleteIfExists(metadataFile(folder, old.version()));
                Files.deleteIfExists(contentFile(folder, old.version()));
                LOG.info("Deleted backup version {} of device {} (retention keeps the last {})", old.version(),
                        deviceId, keepPerDevice);
            } catch (IOException e) {
                LOG.warn("Cannot delete old backup version {} of device {}: {}", old.version(), deviceId,
                        e.getMessage());
            }
        }
    }

    @Override
    public BackupDiff diff(String deviceId, int from, int to) throws RepositoryException {
        checkDeviceId(deviceId);
        ConfigBackup older = backup(deviceId, from);
        ConfigBackup newer = backup(deviceId, to);
        String fromText = new String(read(deviceId, from), StandardCharsets.UTF_8);
        String toText = new String(read(deviceId, to), StandardCharsets.UTF_8);
        try {
            UnifiedDiff.Result result = differ.diff(fromText, toText, label(older), label(newer));
            return new BackupDiff(older, newer, result.lines(), result.ignored());
        } catch (IllegalArgumentException e) {
            throw new RepositoryException("cannot compare versions " + from + " and " + to + " of device " + deviceId
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BackupDiff diff(String deviceId, int from, byte[] candidate, String label) throws RepositoryException {
        checkDeviceId(deviceId);
        ConfigBackup older = backup(deviceId, from);
        String fromText = new String(read(deviceId, from), StandardCharsets.UTF_8);
        try {
            UnifiedDiff.Result result = differ.diff(fromText, new String(candidate, StandardCharsets.UTF_8),
                    label(older), label);
            return new BackupDiff(older, null, result.lines(), result.ignored());
        } catch (IllegalArgumentException e) {
            throw new RepositoryException("cannot compare version " + from + " of device " + deviceId + " with "
                    + label + ": " + e.getMessage(), e);
        }
    }

    private ConfigBackup backup(String deviceId, int version) throws RepositoryException {
        return history(deviceId).stream().filter(b -> b.version() == version).findFirst()
                .orElseThrow(() -> new RepositoryException("device " + deviceId + " has no backup version " + version
                        + "; its history has " + describeVersions(deviceId)));
    }

    private static String label(ConfigBackup backup) {
        return backup.deviceId() + " version " + backup.version() + " (" + backup.takenAt() + ")";
    }

    private static List<Pattern> compile(String[] patterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : patterns == null ? new String[0] : patterns) {
            if (pattern == null || pattern.isBlank()) {
                continue;
            }
            try {
                compiled.add(Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(PID + ": volatilePatterns entry '" + pattern
                        + "' is not a regular expression: " + e.getDescription(), e);
            }
        }
        return compiled;
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
        ConfigBackup backup = backup(deviceId, version);
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
