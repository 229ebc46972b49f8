package org.uplift.snmp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Net-SNMP's tools as the interoperability tests need them. */
public final class NetSnmpTools {

    private NetSnmpTools() {
    }

    /**
     * Runs {@code command} with only the MIB modules its arguments name (the environment's MIBS and
     * MIBDIRS are dropped); returns its standard output and fails the test on a non-zero exit. Standard
     * error, which carries Net-SNMP's complaints about its own MIBs (their IETF imports are missing on
     * Debian), is kept apart in {@code work} and shown only on failure.
     */
    public static String run(Path work, Duration within, List<String> command) throws Exception {
        Path errors = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().remove("MIBS");
        builder.environment().remove("MIBDIRS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(within.toSeconds(), TimeUnit.SECONDS), command.get(0) + " finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output + Files.readString(errors));
        return output;
    }
}
