package org.uplift.rest.json;

/** A text is not JSON; the message names the character where it stops being JSON and why. */
public class JsonSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JsonSyntaxException(String message) {
        super(message);
    }
}
