package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.function.Executable;
import org.uplift.rest.json.JsonReader;
import org.uplift.rest.json.JsonText;

/** What the resource tests read from answers and send as bodies. */
final class Http {

    private Http() {
    }

    static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer's JSON, after checking its status and that it is JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Response response, int status) {
        assertEquals(status, response.getStatus());
        assertEquals("application/json;charset=UTF-8", response.getMediaType().toString().replace(" ", ""));
        JsonText text = assertInstanceOf(JsonText.class, response.getEntity());
        return (Map<String, Object>) JsonReader.read(text.text());
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
