package org.uplift.webconsole;

/** Error texts for the page: one line each. */
final class Lines {

    private Lines() {
    }

    /** {@code text} with every run of whitespace (line breaks included) made one space. */
    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /** The exception's message on one line, or its type when it has none. */
    static String of(Throwable e) {
        String message = oneLine(e.getMessage());
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
