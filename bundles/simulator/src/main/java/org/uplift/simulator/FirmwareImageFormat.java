package org.uplift.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The simulator's firmware image: a text header, an empty line, then the payload.
 *
 * <pre>
 * UPLIFT-FW/1
 * model: IAD-1000
 * version: 2.0.0
 * config-format: 1
 * payload-sha256: &lt;hex&gt;
 *
 * &lt;payload bytes&gt;
 * </pre>
 */
public final class FirmwareImageFormat {

    public static final String MAGIC = "UPLIFT-FW/1";
    private static final int MAX_HEADER_BYTES = 4096;

    private FirmwareImageFormat() {
    }

    /** A parsed image. */
    public record Image(String model, String version, String configFormat, String payloadSha256, byte[] payload) {

        /** Whether the payload's SHA-256 equals the one the header names. */
        public boolean payloadIntact() {
            return sha256Hex(payload).equalsIgnoreCase(payloadSha256);
        }
    }

    /** Builds an image with a deterministic payload of {@code payloadBytes} bytes. */
    public static byte[] build(String model, String version, String configFormat, int payloadBytes) {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payload size must not be negative (got " + payloadBytes + ")");
        }
        byte[] payload = payload(model + "/" + version, payloadBytes);
        String header = MAGIC + "\n"
                + "model: " + requireText(model, "model") + "\n"
                + "version: " + requireText(version, "version") + "\n"
                + "config-format: " + requireText(configFormat, "config-format") + "\n"
                + "payload-sha256: " + sha256Hex(payload) + "\n"
                + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + payloadBytes);
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Parses an image; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Image parse(byte[] image) {
        int end = headerEnd(image);
        String header = new String(image, 0, end, StandardCharsets.UTF_8);
        String[] lines = header.split("\n");
        if (!MAGIC.equals(lines[0])) {
            throw new IllegalArgumentException("not an Uplift firmware image (no " + MAGIC + " header)");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] payload = Arrays.copyOfRange(image, end + 2, image.length);
        return new Image(field(fields, "model"), field(fields, "version"), field(fields, "config-format"),
                field(fields, "payload-sha256"), payload);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static int headerEnd(byte[] image) {
        int limit = Math.min(image.length - 1, MAX_HEADER_BYTES);
        for (int i = 0; i < limit; i++) {
            if (image[i] == '\n' && image[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("not an Uplift firmware image (no header end within "
                + MAX_HEADER_BYTES + " bytes)");
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("firmware image header lacks '" + name + "'");
        }
        return value;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank() || value.contains("\n")) {
            throw new IllegalArgumentException(name + " must be a non-empty single line");
        }
        return value;
    }

    private static byte[] payload(String seed, int size) {
        byte[] payload = new byte[size];
        byte[] block = sha256(seed.getBytes(StandardCharsets.UTF_8));
        for (int offset = 0; offset < size; offset += block.length) {
            System.arraycopy(block, 0, payload, offset, Math.min(block.length, size - offset));
            block = sha256(block);
        }
        return payload;
    }
}
