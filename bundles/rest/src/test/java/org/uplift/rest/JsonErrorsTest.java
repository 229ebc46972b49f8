package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.rest.Http.json;

import java.util.Map;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;

import org.junit.jupiter.api.Test;

class JsonErrorsTest {

    private final JsonErrors errors = new JsonErrors();

    @Test
    void givenARefusal_whenMapped_thenItsStatusAndMessageAreTheAnswer() {
        assertEquals(Map.of("error", "no job 'x'"), json(errors.toResponse(ApiException.notFound("no job 'x'")), 404));
        assertEquals(Map.of("error", "busy"), json(errors.toResponse(ApiException.conflict("busy")), 409));
    }

    @Test
    void givenAMultiLineOrVeryLongMessage_whenMapped_thenTheErrorIsOneShortLine() {
        String error = (String) json(errors.toResponse(ApiException.badRequest("first\r\nsecond\tthird\u0000")), 400)
                .get("error");
        assertEquals("first second third", error);
        String longOne = (String) json(errors.toResponse(ApiException.badRequest("x".repeat(5000))), 400).get("error");
        assertEquals(300, longOne.length());
        assertTrue(longOne.endsWith("..."));
    }

    @Test
    void givenTheRuntimesOwnErrors_whenMapped_thenTheyAreJsonWithTheirStatus() {
        assertTrue(((String) json(errors.toResponse(new NotFoundException()), 404).get("error"))
                .startsWith("no such resource"));
        assertEquals("method not allowed on this resource",
                json(errors.toResponse(new NotAllowedException("GET")), 405).get("error"));
        json(errors.toResponse(new NotSupportedException()), 415);
    }

    @Test
    void givenAnUnexpectedFailure_whenMapped_then500WithoutItsMessageOrStackTrace() {
        var response = errors.toResponse(new IllegalStateException("password=hunter2 at org.uplift.Secret"));
        String text = Http.text(response);
        assertEquals(500, response.getStatus());
        assertEquals("{\"error\":\"internal error; the Karaf log has the details\"}", text);
        assertFalse(text.contains("hunter2"));
    }
}
