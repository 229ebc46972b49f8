package org.uplift.repository.firmware;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.uplift.api.repository.FirmwareImage;
import org.uplift.repository.storage.PropertiesFiles;

/** A firmware image's metadata file: model, version, size, sha256, addedAt, releaseNotes. */
final class FirmwareRecord {

    private FirmwareRecord() {
    }

    static void write(Path file, FirmwareImage image) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("model", image.model());
        values.put("version", image.version());
        values.put("size", Long.toString(image.size()));
        values.put("sha256", image.sha256());
        values.put("addedAt", image.addedAt().toString());
        values.put("releaseNotes", image.releaseNotes());
        values.put("configFormat", image.configFormat());
        PropertiesFiles.write(file, values);
    }

    static FirmwareImage read(Path file) throws IOException {
        Properties p = PropertiesFiles.read(file);
        String model = PropertiesFiles.require(p, "model", file);
        String version = PropertiesFiles.require(p, "version", file);
        try {
            return new FirmwareImage(FirmwareImage.idOf(model, version), model, version,
                    Long.parseLong(PropertiesFiles.require(p, "size", file)),
                    PropertiesFiles.require(p, "sha256", file),
                    Instant.parse(PropertiesFiles.require(p, "addedAt", file)),
                    p.getProperty("releaseNotes", ""), p.getProperty("configFormat", ""));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException(file + " has an unreadable size or addedAt: " + e.getMessage(), e);
        }
    }
}
