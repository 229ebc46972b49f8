package org.uplift.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.ws.rs.Consumes;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads a request body into its request record ({@link JobStart}, {@link CampaignStart}) with {@link JsonMapping}.
 * Whatever is wrong with it is refused as 400 with one line: too large, not UTF-8, empty, not JSON (with the
 * character where it stops being JSON), not an object, a field the record does not have, or a field of the wrong
 * type. Required fields and blank values are the record's own checks.
 */
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodyReader implements MessageBodyReader<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream in) {
        return readRecord(in, type);
    }

    /** The record {@code in} holds. */
    static <T extends Record> T read(InputStream in, Class<T> type) {
        return type.cast(readRecord(in, type));
    }

    private static Object readRecord(InputStream in, Class<?> type) {
        String text = text(in);
        if (text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON object with " + fields(type));
        }
        JsonNode tree = tree(text);
        if (!tree.isObject()) {
            throw ApiException.badRequest("the request must be a JSON object, not " + FieldErrors.kind(tree));
        }
        try {
            return JsonMapping.MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\"; expected " + fields(type));
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(FieldErrors.describe(e, tree, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ApiException.badRequest("the request could not be read: " + e.getMessage());
        }
    }

    private static String text(InputStream in) {
        try {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(JsonMapping.MAX_BYTES + 1);
            if (bytes.length > JsonMapping.MAX_BYTES) {
                throw ApiException.badRequest("the request body is larger than " + JsonMapping.MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not UTF-8");
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    /** The JSON value of the whole text; anything after it but whitespace is refused. */
    private static JsonNode tree(String text) {
        try (JsonParser parser = JsonMapping.MAPPER.createParser(text)) {
            try {
                JsonNode tree = JsonMapping.MAPPER.readTree(parser);
                if (parser.nextToken() != null) {
                    throw notJson(parser.currentTokenLocation(), "unexpected text after the value");
                }
                return tree;
            } catch (JsonProcessingException e) {
                // a broken limit has no location of its own; the parser knows where it stopped
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw notJson(at, e.getOriginalMessage());
            }
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static ApiException notJson(JsonLocation at, String why) {
        return ApiException.badRequest("not valid JSON at character " + (at.getCharOffset() + 1) + ": " + clean(why));
    }

    /**
     * Jackson's message without what a client cannot use: where the source is (not kept), the starting point of an
     * unclosed object, the name of the limit's setting.
     */
    static String clean(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replaceAll("\\s*\\(start marker at \\[.*?\\]\\)", "").replaceAll(", from `[^`]*`", "").trim();
    }

    /** The record's fields, alphabetically: what a request may hold. */
    static String fields(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).sorted()
                .collect(Collectors.joining(", "));
    }
}
