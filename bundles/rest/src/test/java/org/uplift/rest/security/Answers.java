package org.uplift.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.ws.rs.core.Response;

import org.uplift.rest.Http;

/** Checks of the refusals the filters answer with. */
final class Answers {

    private Answers() {
    }

    /** The refusal's one-line error, after checking its status and that it is {@code {"error": ...}} alone. */
    static String refusal(Response response, int status) {
        assertNotNull(response, "the request was let through");
        assertEquals(status, response.getStatus());
        assertEquals("application/json;charset=UTF-8", response.getMediaType().toString().replace(" ", ""));
        Object json = Http.parse(Http.text(response));
        Map<?, ?> map = (Map<?, ?>) json;
        assertEquals(1, map.size(), map.toString());
        String error = (String) map.get("error");
        assertTrue(!error.isBlank() && !error.contains("\n"), error);
        return error;
    }
}
