package org.uplift.rest;

import java.net.URI;

import javax.ws.rs.core.Response;

/** The API's successful answers: a record (or a map of them) that {@link JsonBodyWriter} writes as JSON in UTF-8. */
final class Replies {

    private Replies() {
    }

    static Response ok(Object body) {
        return Response.ok(body, JsonBodyWriter.JSON_UTF8).build();
    }

    /**
     * 201 with the new resource's location, relative to the application ({@code jobs/ID}); the JAX-RS runtime
     * makes it absolute against the base URI.
     */
    static Response created(String location, Object body) {
        return Response.created(URI.create(location)).type(JsonBodyWriter.JSON_UTF8).entity(body).build();
    }
}
