package org.uplift.workflow.engine;

/** The job was moved by someone else (a decision, another node) since this thread read it: stop driving it. */
final class Superseded extends Exception {
    private static final long serialVersionUID = 1L;

    Superseded(String message) {
        super(message);
    }
}
