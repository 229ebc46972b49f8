package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.workflow.UpgradeException;

class FailuresTest {

    @Test
    void anOperatorsMessageIsKeptAsOneLine() {
        CommandException e = Failures.of("uplift:upgrade", new UpgradeException(UpgradeException.Reason.BUSY,
                "device iad-1 has a job running:\n  see uplift:jobs"));
        assertEquals("device iad-1 has a job running: see uplift:jobs", e.getMessage());
        assertTrue(e.getNiceHelp().contains("Error executing command: device iad-1 has a job running"),
                e.getNiceHelp());
    }

    @Test
    void fileErrorsNameTheFileAndWhatIsWrong() {
        assertEquals("no such file or directory: /tmp/x.bin",
                Failures.of("uplift:firmware-add", new NoSuchFileException("/tmp/x.bin")).getMessage());
        assertEquals("permission denied: /etc/shadow",
                Failures.of("uplift:firmware-add", new AccessDeniedException("/etc/shadow")).getMessage());
        assertEquals("unknown host nosuch.example",
                Failures.of("uplift:transfer-open", new UnknownHostException("nosuch.example")).getMessage());
        assertEquals("input/output error (IOException)", Failures.of("x", new IOException()).getMessage());
        assertEquals("cannot read the image",
                Failures.of("x", new RepositoryException("cannot read the image")).getMessage());
        // by its type: the JDK's wording is shown, not taken apart
        assertEquals("not a number (For input string: \"abc\")",
                Failures.of("x", new NumberFormatException("For input string: \"abc\"")).getMessage());
    }

    @Test
    void aRefusalBecauseUpliftIsUnavailableSaysToTryAgainAndKeepsTheCauseForTheLog() {
        Exception store = new IllegalStateException("connection refused");
        CommandException e = Failures.of("uplift:retry", new UpgradeException(UpgradeException.Reason.UNAVAILABLE,
                "cannot record the decision for job j-1", store));
        assertEquals("cannot record the decision for job j-1; try again (details in the Karaf log: log:display)",
                e.getMessage());
        assertSame(store, e.getCause().getCause());
    }

    @Test
    void aProgrammingErrorIsNotShownAsSuchButPointsToTheLog() {
        CommandException e = Failures.of("uplift:jobs", new NullPointerException("Cannot invoke \"String.length()\""));
        assertEquals("uplift:jobs stopped on an internal error; the details are in the Karaf log (log:display)",
                e.getMessage());
        assertTrue(e.getCause() instanceof NullPointerException, "the cause stays for the log");
        CommandException noMessage = Failures.of("uplift:jobs", new IllegalStateException());
        assertTrue(noMessage.getMessage().contains("internal error"), noMessage.getMessage());
    }

    @Test
    void aCommandExceptionIsPassedOnUnchanged() {
        CommandException karafs = new CommandException("Argument devices is required");
        assertSame(karafs, Failures.of("uplift:upgrade", karafs));
    }
}
