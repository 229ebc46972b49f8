package org.uplift.rest.json;

/**
 * A JSON document ready to be sent; the REST bundle's message body writer writes it as
 * {@code application/json} in UTF-8.
 *
 * @param text the JSON text
 */
public record JsonText(String text) {

    /** The JSON form of a tree as {@link JsonWriter} reads it. */
    public static JsonText of(Object tree) {
        return new JsonText(JsonWriter.write(tree));
    }

    @Override
    public String toString() {
        return text;
    }
}
