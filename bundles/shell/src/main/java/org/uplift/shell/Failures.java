package org.uplift.shell;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.DateTimeException;

import org.apache.karaf.shell.support.CommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.workflow.UpgradeException;

/**
 * Turns whatever a command ran into into the one line an operator reads. Karaf prints a
 * {@link CommandException} as "Error executing command: &lt;message&gt;" and logs it at debug only, so a
 * typo does not fill karaf.log with stack traces; an unexpected failure is logged with its trace here.
 */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** A failure whose message is already written for the operator. */
    public static CommandException of(String message) {
        return new CommandException(oneLine(message));
    }

    /** The one-line failure for {@code e}, thrown by {@code command} (e.g. "uplift:upgrade"). */
    public static CommandException of(String command, Exception e) {
        if (e instanceof CommandException ce) {
            return ce;
        }
        if (e instanceof UpgradeException refused && refused.reason() == UpgradeException.Reason.UNAVAILABLE) {
            // Uplift's own store failed or was interrupted: the operator may retry, the cause is for the log
            LOG.warn("{} could not be done now", command, e);
            return new CommandException(
                    oneLine(refused.getMessage() + "; try again (details in the Karaf log: log:display)"), e);
        }
        String text = operatorText(e);
        if (text == null) {
            LOG.warn("{} stopped on an internal error", command, e);
            text = command + " stopped on an internal error; the details are in the Karaf log (log:display)";
        }
        return new CommandException(oneLine(text), e);
    }

    /**
     * The message of a failure meant for an operator, or {@code null} for a programming error; decided by the
     * exception's type (an {@link UpgradeException}'s message is written for operators), never by its text.
     */
    static String operatorText(Exception e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (e instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be read or written" : f.getReason());
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof NumberFormatException) {
            return e.getMessage() == null ? "not a number" : "not a number (" + e.getMessage() + ")";
        }
        boolean forOperator = !(e instanceof RuntimeException) || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof UnsupportedOperationException
                || e instanceof DateTimeException;
        if (forOperator && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return "input/output error (" + e.getClass().getSimpleName() + ")";
        }
        return null;
    }

    /** Joins the lines of a message into one. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
