package org.uplift.rest;

import java.net.URI;

import javax.ws.rs.core.Response;

import org.uplift.rest.json.JsonText;

/** The API's successful answers: JSON in UTF-8. */
final class Replies {

    private Replies() {
    }

    static Response ok(Object tree) {
        return Response.ok(JsonText.of(tree), JsonBodyWriter.JSON_UTF8).build();
    }

    /**
     * 201 with the new resource's location, relative to the application ({@code jobs/ID}); the JAX-RS runtime
     * makes it absolute against the base URI.
     */
    static Response created(String location, Object tree) {
        return Response.created(URI.create(location)).type(JsonBodyWriter.JSON_UTF8).entity(JsonText.of(tree)).build();
    }
}
