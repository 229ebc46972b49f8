package org.uplift.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.uplift.api.dto.DecisionDto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one Jackson configuration of the REST API, for request bodies and answers alike. Reading is strict: a field the
 * request record does not have is refused (a typo must not be ignored silently), nothing is coerced (a number is not a
 * string, 2.5 is not a whole number), duplicate keys and trailing text are refused, and the document's size, depth,
 * strings and numbers are limited (below). Writing escapes what a browser could take for script ({@link JsonEscapes})
 * and writes times as ISO-8601.
 */
final class JsonMapping {

    /** Largest body read: Uplift's requests are a few hundred bytes. Also the longest document and string parsed. */
    static final int MAX_BYTES = 64 * 1024;
    /** Deepest nesting of objects and arrays a request may have, so a hostile body cannot exhaust the stack. */
    static final int MAX_DEPTH = 32;
    /** Longest number a request may hold, in characters. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Longest token (e.g. an unquoted word) a parse error quotes back. */
    static final int MAX_ERROR_TOKEN = 40;

    static final ObjectMapper MAPPER = mapper();

    private JsonMapping() {
    }

    private static ObjectMapper mapper() {
        JsonFactory factory = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_BYTES)
                        .maxStringLength(MAX_BYTES).maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(MAX_ERROR_TOKEN)
                        .maxRawContentLength(0).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a character outside the BMP is written as itself (4 bytes of UTF-8), not as two escapes
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .characterEscapes(new JsonEscapes())
                .build();
        SimpleModule times = new SimpleModule("uplift-times");
        times.addSerializer(Instant.class, ToStringSerializer.instance);
        ObjectMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(times)
                .build();
        for (CoercionInputShape scalar : new CoercionInputShape[]{CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        // a job that was never decided has no "lastDecision" at all, as before
        mapper.configOverride(DecisionDto.class)
                .setIncludeAsProperty(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
        return mapper;
    }

    /** The JSON text of {@code value} (written as UTF-8 and decoded, so a lone surrogate ends up escaped). */
    static String write(Object value) {
        try {
            return new String(MAPPER.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "no JSON form for " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
