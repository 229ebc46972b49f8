package org.uplift.shell.progress;

/**
 * Where live progress goes: lines that stay, and on a terminal one status line redrawn in place.
 * Without a terminal (a script, Karaf's client in batch mode, a log) there is no status line and
 * the followers print byte counts as lines instead, at every tenth of a transfer.
 */
public interface ProgressOutput {

    /** A line that stays. */
    void line(String text);

    /** Replaces the status line; ignored without a terminal. */
    void status(String text);

    /** Removes the status line, e.g. before the command's last words. */
    void clearStatus();

    /** {@code true} on a terminal, where the status line shows bytes as they move. */
    boolean live();
}
