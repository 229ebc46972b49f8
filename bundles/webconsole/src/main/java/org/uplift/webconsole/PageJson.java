package org.uplift.webconsole;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The page's JSON, written by Jackson with {@link HtmlSafeEscapes}. */
final class PageJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
            .characterEscapes(new HtmlSafeEscapes()).build()).build();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private PageJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "no JSON form for " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A row's fields by name, in order: what the HTML table shows is what the JSON carries. */
    static Map<String, Object> fields(Record row) {
        return MAPPER.convertValue(row, FIELDS);
    }
}
