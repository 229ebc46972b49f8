package org.uplift.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device's factory-default configuration, deterministic per device index, rendered in the
 * format the running software reads. Formats 1-3 differ the way software releases do:
 * 2 renames user keys, turns {@code enabled} into an admin state and gives each protocol its own
 * section; 3 also counts the register interval in milliseconds and names ports {@code fxs-0/N}.
 * Any other format is rendered like format 1 with its own {@code format=} line.
 */
final class RunningConfig {

    private static final String HEADER = "# uplift-iad running configuration\n";

    /** The largest configuration a device accepts in a restore, so the largest it may start with. */
    static final int MAX_BYTES = 8 << 20;

    private RunningConfig() {
    }

    /**
     * The factory default padded with a dial plan until it is at least {@code minBytes} long (real
     * configurations run to tens of kilobytes); the rules differ per device, so digests differ too.
     */
    static byte[] initial(int index, String format, int minBytes) {
        StringBuilder text = new StringBuilder(new String(initial(index, format), StandardCharsets.UTF_8));
        if (text.length() >= minBytes) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        text.append("[dial-plan]\n");
        for (int rule = 1; text.length() < minBytes; rule++) {
            text.append(String.format("rule.%05d=prefix %04d%03d length %d route trunk-%d\n", rule, index % 10_000,
                    rule % 1000, 7 + rule % 6, 1 + (index + rule) % 4));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException unless {@code bytes} is a size a device can restore */
    static void checkSize(int bytes) {
        if (bytes < 0 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "configuration size must be 0-" + MAX_BYTES + " bytes (got " + bytes + ")");
        }
    }

    static byte[] initial(int index, String format) {
        String text = switch (format) {
            case "2" -> format2(index, false);
            case "3" -> format2(index, true);
            default -> format1(index, format);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String format1(int index, String format) {
        return HEADER
                + "format=" + format + "\n"
                + "[user]\n"
                + String.format("user.1.name=subscriber-%04d\n", index)
                + String.format("user.1.phone=+1-555-%04d\n", 100 + index)
                + "[port]\n"
                + "port.1.name=fxs1\n"
                + "port.1.enabled=true\n"
                + "[protocol]\n"
                + "protocol.sip.registrar=192.0.2.10\n"
                + "protocol.sip.register-interval=3600\n"
                + defaults();
    }

    private static String format2(int index, boolean format3) {
        return HEADER
                + "format=" + (format3 ? "3" : "2") + "\n"
                + "[user]\n"
                + String.format("subscriber.1.name=subscriber-%04d\n", index)
                + String.format("subscriber.1.phone=+1-555-%04d\n", 100 + index)
                + "[port]\n"
                + "port.1.name=" + (format3 ? "fxs-0/1" : "fxs1") + "\n"
                + "port.1.admin-state=up\n"
                + "[protocol sip]\n"
                + "registrar=192.0.2.10\n"
                + (format3 ? "register-interval-ms=3600000\n" : "register-interval=3600\n")
                + defaults();
    }

    private static String defaults() {
        return "[default]\n"
                + "default.country=us\n"
                + "default.tone-profile=standard\n";
    }

    /** The configuration with a comment line appended: as good as the original, but other bytes. */
    static byte[] withComment(byte[] config, String comment) {
        String text = new String(config, StandardCharsets.UTF_8);
        return (text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + "# " + comment + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The configuration with one more line at its end (in its last section). */
    static byte[] withLine(byte[] config, String line) {
        String text = new String(config, StandardCharsets.UTF_8);
        return (text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + line + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A file merged into the running configuration, as IOS merges a file copied into running-config:
     * per {@code [section]}, a file's {@code key=value} line replaces the running line of that key and a
     * new key is added at the end of its section, in the file's order; a section the device lacks is
     * added at the end; lines the file does not mention stay. A line without {@code =} (a comment) is
     * its own key, so it is added once. Blank lines of the file add nothing.
     */
    static byte[] merge(byte[] running, byte[] file) {
        Map<String, Map<String, String>> merged = sections(running);
        sections(file).forEach((section, lines) -> {
            Map<String, String> target = merged.computeIfAbsent(section, s -> new LinkedHashMap<>());
            lines.forEach((key, line) -> {
                if (!line.isBlank()) {
                    target.put(key, line);
                }
            });
        });
        StringBuilder out = new StringBuilder();
        merged.forEach((section, lines) -> {
            if (!section.isEmpty()) {
                out.append(section).append('\n');
            }
            lines.values().forEach(line -> out.append(line).append('\n'));
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Section header ("" before the first) to its lines by key, in order; a blank line is keyed by its position. */
    private static Map<String, Map<String, String>> sections(byte[] config) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = sections.computeIfAbsent("", s -> new LinkedHashMap<>());
        int position = 0;
        String text = new String(config, StandardCharsets.UTF_8);
        for (String line : text.isEmpty() ? new String[0] : text.split("\\R")) {
            String trimmed = line.trim();
            position++;
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = sections.computeIfAbsent(trimmed, s -> new LinkedHashMap<>());
            } else if (trimmed.isEmpty()) {
                current.put("\n" + position, line);
            } else {
                int equals = trimmed.indexOf('=');
                current.put(equals < 0 ? trimmed : trimmed.substring(0, equals).trim() + "=", line);
            }
        }
        return sections;
    }

    /** The value of the {@code format=} line, or {@code null} if there is none. */
    static String formatOf(byte[] config) {
        for (String line : new String(config, StandardCharsets.UTF_8).split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("format=")) {
                return trimmed.substring("format=".length()).trim();
            }
        }
        return null;
    }
}
