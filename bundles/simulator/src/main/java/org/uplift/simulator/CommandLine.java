package org.uplift.simulator;

import java.io.IOException;
import java.io.PrintStream;

/** What the simulator's command-line programs share: one-line errors with the usage, and exit codes. */
final class CommandLine {

    /** A program's body: its exit code, or a bad argument (exit 2, usage shown) or an I/O error (exit 1). */
    interface Program {
        int run(String[] args, PrintStream out) throws IOException;
    }

    private CommandLine() {
    }

    static void main(String[] args, String usage, Program program) {
        try {
            System.exit(program.run(args, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number (got '" + value + "')");
        }
    }
}
