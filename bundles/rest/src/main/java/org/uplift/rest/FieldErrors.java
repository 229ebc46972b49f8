package org.uplift.rest;

import java.lang.reflect.RecordComponent;
import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line for a request field Jackson could not bind: which field, what it must be, and what it was. Only the
 * kind of the value is named, never the value itself, except a number that is not whole.
 */
final class FieldErrors {

    private FieldErrors() {
    }

    static String describe(JsonMappingException e, JsonNode tree, Class<?> type) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(0).getFieldName() == null) {
            return "the request could not be read: " + JsonBodyReader.clean(e.getOriginalMessage());
        }
        String name = path.get(0).getFieldName();
        JsonNode value = tree.path(name);
        if (path.size() > 1 && path.get(1).getIndex() >= 0) {
            return "field \"" + name + "\" must hold only non-empty strings, found "
                    + kind(value.path(path.get(1).getIndex()));
        }
        Class<?> expected = componentType(type, name);
        if ((expected == Integer.class || expected == int.class) && value.isNumber()) {
            return "field \"" + name + "\" must be a whole number, got " + value.asText();
        }
        return "field \"" + name + "\" must be " + describe(expected) + ", not " + kind(value);
    }

    /** What a JSON value is, in words: "a string", "a number", "an array", ... */
    static String kind(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.isArray() ? "an array" : "an object";
    }

    private static String describe(Class<?> expected) {
        if (expected == String.class) {
            return "a string";
        }
        if (expected == Integer.class || expected == int.class) {
            return "a number";
        }
        if (expected == Boolean.class || expected == boolean.class) {
            return "true or false";
        }
        if (expected != null && List.class.isAssignableFrom(expected)) {
            return "an array of strings";
        }
        return "of another kind";
    }

    private static Class<?> componentType(Class<?> type, String name) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c.getType();
            }
        }
        return null;
    }
}
