package org.uplift.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;

import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyWriter;

/** Writes the API's answers (records and maps of them) with {@link JsonMapping} as {@code application/json; charset=UTF-8}. */
@Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class JsonBodyWriter implements MessageBodyWriter<Object> {

    static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() || Map.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        headers.putSingle("Content-Type", JSON_UTF8.toString());
        JsonMapping.MAPPER.writeValue(out, value);
    }
}
