package org.uplift.shell.progress;

import java.io.PrintStream;

/** Progress for a script or a log: lines only, no control characters. */
public final class PlainOutput implements ProgressOutput {

    private final PrintStream out;

    public PlainOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public void status(String text) {
        // no terminal to redraw on: the followers print byte counts as lines instead
    }

    @Override
    public void clearStatus() {
        // nothing shown
    }

    @Override
    public boolean live() {
        return false;
    }
}
