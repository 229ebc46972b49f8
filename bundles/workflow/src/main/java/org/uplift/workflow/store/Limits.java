package org.uplift.workflow.store;

/** Column sizes the schema declares, checked before writing so an operator gets a plain message, not a SQL error. */
final class Limits {

    /** Characters of a job's record (its JSON document). */
    static final int CONTEXT_CHARS = 100_000;

    /** Characters of a history message; longer ones are cut, keeping their start. */
    static final int MESSAGE_CHARS = 8_000;

    /** Characters of who decided and from where. */
    static final int NAME_CHARS = 255;

    private static final String CUT = " ... (cut)";

    private Limits() {
    }

    static String name(String name) {
        return name == null || name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS);
    }

    static String message(String message) {
        if (message == null || message.length() <= MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MESSAGE_CHARS - CUT.length()) + CUT;
    }
}
