package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the third-party clients of the interoperability tests (tftp-hpa, atftp, curl, lftp). A missing
 * client skips its test, unless {@code -Duplift.interop.required=true} makes that a failure.
 */
final class ExternalClients {

    /** A client's exit code and what it printed (standard output and error together). */
    record Result(int exitCode, String output) {
    }

    private ExternalClients() {
    }

    /** {@code program} if installed; otherwise the test is skipped, or fails where clients are required. */
    static String require(String program, String debianPackage) {
        if (Files.isExecutable(Path.of(program))) {
            return program;
        }
        String message = program + " is missing; install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")";
        if (Boolean.getBoolean("uplift.interop.required")) {
            fail(message + " (uplift.interop.required is true)");
        }
        Assumptions.abort(message);
        return program;
    }

    static Result exec(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a proxy in the environment would take loopback requests elsewhere
        builder.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 30 s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Runs {@code command}, which must succeed. Its arguments are not shown on failure: they may hold a ticket's password. */
    static void run(String... command) throws IOException, InterruptedException {
        Result result = exec(command);
        assertEquals(0, result.exitCode(), command[0] + " failed:\n" + result.output());
    }
}
