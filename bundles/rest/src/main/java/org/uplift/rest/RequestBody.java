package org.uplift.rest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.uplift.rest.json.JsonReader;
import org.uplift.rest.json.JsonSyntaxException;

/**
 * A request's JSON object, with typed access that refuses bad input as 400 with one clear line: not JSON, not an
 * object, a field missing, of the wrong type or not one the endpoint knows (a typo must not be ignored silently).
 */
final class RequestBody {

    /** Largest body read; Uplift's requests are a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private final Map<String, Object> fields;

    private RequestBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Reads and parses a body whose fields must all be among {@code known}. */
    static RequestBody read(InputStream in, Set<String> known) {
        return parse(text(in), known);
    }

    @SuppressWarnings("unchecked")
    static RequestBody parse(String text, Set<String> known) {
        if (text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON object with " + String.join(", ", new TreeSet<>(known)));
        }
        Object value;
        try {
            value = JsonReader.read(text);
        } catch (JsonSyntaxException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("the request must be a JSON object, not " + kind(value));
        }
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                throw ApiException.badRequest("unknown field \"" + key + "\"; expected " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return new RequestBody((Map<String, Object>) map);
    }

    private static String text(InputStream in) {
        try {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw ApiException.badRequest("the request body is larger than " + MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not UTF-8");
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** A required, non-blank string. */
    String text(String name) {
        return optionalText(name).orElseThrow(() -> ApiException.badRequest("field \"" + name + "\" is required"));
    }

    /** A string if present and not null; blank counts as absent. */
    Optional<String> optionalText(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw ApiException.badRequest("field \"" + name + "\" must be a string, not " + kind(value));
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    /** A whole number in {@code int} range, or {@code fallback} when absent. */
    int integer(String name, int fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof BigDecimal n)) {
            throw ApiException.badRequest("field \"" + name + "\" must be a number, not " + kind(value));
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.badRequest("field \"" + name + "\" must be a whole number, got " + n.toPlainString());
        }
    }

    /** A boolean, or {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw ApiException.badRequest("field \"" + name + "\" must be true or false, not " + kind(value));
        }
        return b;
    }

    /** A list of non-blank strings, empty when absent. */
    List<String> texts(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw ApiException.badRequest("field \"" + name + "\" must be an array of strings, not " + kind(value));
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s) || s.isBlank()) {
                throw ApiException.badRequest("field \"" + name + "\" must hold only non-empty strings, found " + kind(item));
            }
            out.add(s.trim());
        }
        return out;
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    /** Whether a field is a JSON string (some fields take a string or another form). */
    boolean isText(String name) {
        return fields.get(name) instanceof String;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof BigDecimal) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "an object";
    }
}
