package org.uplift.repository.storage;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The small metadata files stored next to firmware images and backups. */
public final class PropertiesFiles {

    private PropertiesFiles() {
    }

    public static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Sorted keys and no date comment, so the same metadata always gives the same file. */
    public static void write(Path file, Map<String, String> values) throws IOException {
        StringWriter text = new StringWriter();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            Properties single = new Properties();
            single.setProperty(entry.getKey(), entry.getValue());
            StringWriter line = new StringWriter();
            single.store(line, null);
            // Properties.store always writes a date comment first; keep only the key line
            line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> text.append(l).append('\n'));
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A required value, or an exception naming the file and the key. */
    public static String require(Properties properties, String key, Path file) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException(file + " has no '" + key + "'");
        }
        return value;
    }
}
