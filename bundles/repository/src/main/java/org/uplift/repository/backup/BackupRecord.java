package org.uplift.repository.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.uplift.api.repository.ConfigBackup;
import org.uplift.repository.storage.PropertiesFiles;

/** A backup's metadata file: takenAt, size, sha256, firmwareVersion, formatVersion. */
final class BackupRecord {

    private BackupRecord() {
    }

    static void write(Path file, ConfigBackup backup) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("takenAt", backup.takenAt().toString());
        values.put("size", Long.toString(backup.size()));
        values.put("sha256", backup.sha256());
        values.put("firmwareVersion", backup.firmwareVersion());
        values.put("formatVersion", backup.formatVersion());
        PropertiesFiles.write(file, values);
    }

    /** The device and version come from the file's place, so a copied file cannot lie about them. */
    static ConfigBackup read(Path file, String deviceId, int version) throws IOException {
        Properties p = PropertiesFiles.read(file);
        try {
            return new ConfigBackup(deviceId, version,
                    Instant.parse(PropertiesFiles.require(p, "takenAt", file)),
                    Long.parseLong(PropertiesFiles.require(p, "size", file)),
                    PropertiesFiles.require(p, "sha256", file),
                    p.getProperty("firmwareVersion", ""),
                    p.getProperty("formatVersion", ""));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException(file + " has an unreadable size or takenAt: " + e.getMessage(), e);
        }
    }
}
