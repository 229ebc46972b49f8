package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the resource tests read from answers and send as bodies. Bodies are read as the runtime reads them
 * ({@link JsonBodyReader}), answers written as it writes them ({@link JsonBodyWriter}'s mapper) and read back as plain
 * maps, lists, strings, {@link java.math.BigDecimal} numbers, booleans and nulls.
 */
public final class Http {

    private Http() {
    }

    static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code POST /uplift/jobs} body, read as the runtime reads it (its refusals are thrown). */
    static JobStart job(String json) {
        return JsonBodyReader.read(body(json), JobStart.class);
    }

    /** A {@code POST /uplift/campaigns} body, read as the runtime reads it. */
    static CampaignStart campaign(String json) {
        return JsonBodyReader.read(body(json), CampaignStart.class);
    }

    /** The answer's JSON, after checking its status and that it is JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Response response, int status) {
        assertEquals(status, response.getStatus());
        assertEquals("application/json;charset=UTF-8", response.getMediaType().toString().replace(" ", ""));
        return (Map<String, Object>) parse(text(response));
    }

    /** The JSON text of the answer's entity, as it goes on the wire. */
    public static String text(Response response) {
        return JsonMapping.write(response.getEntity());
    }

    /** A JSON text as plain Java values. */
    public static Object parse(String json) {
        try {
            return plain(JsonMapping.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.textValue();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }

    /** The refusal a call throws, after checking its status. */
    static ApiException refused(int status, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        return e;
    }
}
