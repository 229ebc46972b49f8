package org.uplift.shell.progress;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/** Progress on a terminal: a status line kept at the bottom, redrawn only when its text changes. */
public final class TerminalOutput implements ProgressOutput {

    /** Carriage return, then ANSI "erase to end of line". */
    static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintStream out;
    private final IntSupplier width;
    private String shown = "";

    /** {@code width} is read at every redraw, so a resized window is followed. */
    public TerminalOutput(PrintStream out, IntSupplier width) {
        this.out = out;
        this.width = width;
    }

    @Override
    public void line(String text) {
        if (!shown.isEmpty()) {
            out.print(CLEAR_LINE);
            shown = "";
        }
        out.println(text);
        out.flush();
    }

    @Override
    public void status(String text) {
        String fitted = fit(text, width.getAsInt());
        if (fitted.equals(shown)) {
            return;
        }
        out.print(CLEAR_LINE + fitted);
        out.flush();
        shown = fitted;
    }

    @Override
    public void clearStatus() {
        if (!shown.isEmpty()) {
            out.print(CLEAR_LINE);
            out.flush();
            shown = "";
        }
    }

    @Override
    public boolean live() {
        return true;
    }

    /** Cut to one column less than the width, so the terminal never wraps the line (which would break the redraw). */
    static String fit(String text, int width) {
        String single = text.replaceAll("\\R", " ");
        int room = Math.max(10, (width <= 0 ? 80 : width) - 1);
        return single.length() <= room ? single : single.substring(0, room - 3) + "...";
    }
}
