package org.uplift.snmp.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.repository.testing.ExternalTools;
import org.uplift.snmp.iad.Mibs;

/**
 * UPLIFT-IAD-MIB passes libsmi's smilint at level 4 without a message, its imports resolved against
 * the real modules in {@code ../shared/mibs} (read from there, never copied; the test skips without
 * them unless interop is required). Only those two folders are on SMIPATH, so an import the real
 * modules do not define is an error rather than a stand-in's silence.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpliftIadMibLintTest {

    /** smilint's {@code -s} shows each message's severity: {@code file:line: [N] ...}. */
    private static final Pattern SEVERITY = Pattern.compile(":\\s*\\[(\\d)\\]");
    private static final int LEVEL = 4;

    @Test
    void theMibPassesSmilintAtLevelFourAgainstTheRealModules() throws Exception {
        String smilint = ExternalTools.require("smilint", "smitools");
        Path mib = Path.of(System.getProperty("basedir", "."), "src/main/resources/mibs/UPLIFT-IAD-MIB")
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(mib), mib + " exists");
        String smiPath = Mibs.dir() + File.pathSeparator + mib.getParent();

        // level 6 so the milder messages are shown too; only those up to level 4 fail the test
        String output = run(smiPath, smilint, "-l", "6", "-s", "-m", mib.toString());
        List<String> problems = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher severity = SEVERITY.matcher(line);
            if (severity.find() && Integer.parseInt(severity.group(1)) > LEVEL) {
                System.out.println("smilint: " + line);
            } else {
                // a message at level <= 4, or one smilint gave without a severity (a module it cannot read)
                problems.add(line);
            }
        }
        assertEquals(List.of(), problems, "smilint messages at level <= " + LEVEL + " (SMIPATH " + smiPath + ")");
    }

    private static String run(String smiPath, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SMIPATH", smiPath);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "smilint finished");
        return output.toString(StandardCharsets.UTF_8);
    }
}
