package org.uplift.shell.progress;

import java.io.PrintStream;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.Terminal;

/** Chooses how progress is shown for the session a command runs in. */
public final class ProgressOutputs {

    private ProgressOutputs() {
    }

    /**
     * A status line on an interactive terminal (the Karaf console, ssh with a terminal); plain lines for
     * a session without one (Karaf's client running a command or in batch mode, scripts, tests).
     */
    public static ProgressOutput forSession(Session session, PrintStream out) {
        Terminal terminal = session == null ? null : session.getTerminal();
        if (terminal == null || terminal.getType() == null || terminal.getType().startsWith("dumb")) {
            return new PlainOutput(out);
        }
        return new TerminalOutput(out, terminal::getWidth);
    }
}
