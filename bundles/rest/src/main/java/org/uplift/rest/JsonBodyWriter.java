package org.uplift.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyWriter;

import org.uplift.rest.json.JsonText;

/** Writes {@link JsonText} as {@code application/json; charset=UTF-8}. */
@Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonBodyWriter implements MessageBodyWriter<JsonText> {

    static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonText.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonText json, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        headers.putSingle("Content-Type", JSON_UTF8.toString());
        out.write(json.text().getBytes(StandardCharsets.UTF_8));
    }
}
