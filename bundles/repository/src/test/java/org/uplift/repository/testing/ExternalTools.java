package org.uplift.repository.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the third-party programs of the interoperability tests (tftp-hpa, atftp, curl, lftp, Net-SNMP,
 * smitools). What such a test needs and is missing skips the test, unless
 * {@code -Duplift.interop.required=true} makes that a failure.
 */
public final class ExternalTools {

    public static final String REQUIRED_PROPERTY = "uplift.interop.required";

    /** A program's exit code and what it printed (standard output and error together). */
    public record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    /**
     * The program, given by absolute path or found on PATH by name; if it is not installed the test is
     * skipped, or fails where interoperability is required.
     */
    public static String require(String program, String debianPackage) {
        String found = Path.of(program).isAbsolute() ? Files.isExecutable(Path.of(program)) ? program : null
                : find(program);
        if (found == null) {
            missing(program + " is missing; install the Debian package " + debianPackage + " (apt-get install "
                    + debianPackage + ")");
        }
        return found;
    }

    /** Skips the test for want of {@code what}, or fails it where interoperability is required. */
    public static void missing(String what) {
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            fail(what + " (" + REQUIRED_PROPERTY + " is true)");
        }
        Assumptions.abort(what);
    }

    public static Result exec(String... command) throws IOException, InterruptedException {
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

    /**
     * Runs {@code command}, which must succeed; returns what it printed. Its arguments are not shown on
     * failure: they may hold a ticket's password.
     */
    public static String run(String... command) throws IOException, InterruptedException {
        Result result = exec(command);
        assertEquals(0, result.exitCode(), command[0] + " failed:\n" + result.output());
        return result.output();
    }

    private static String find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
