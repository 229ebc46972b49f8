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
import org.uplift.snmp.iad.Interop;

/**
 * UPLIFT-IAD-MIB passes libsmi's smilint at level 3 without errors. Debian ships no IETF MIB
 * modules (they are non-free), so unless a directory with them exists the imports resolve to the
 * minimal stand-ins in src/test/resources/smi-base.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpliftIadMibLintTest {

    private static final Pattern SEVERITY = Pattern.compile(":\\s*\\[(\\d)\\]");
    private static final List<String> IETF_DIRS = List.of("/usr/share/snmp/mibs/ietf", "/usr/share/snmp/mibs/iana",
            "/usr/share/mibs/ietf", "/usr/share/mibs/iana", "/var/lib/mibs/ietf", "/var/lib/mibs/iana");

    @Test
    void theMibPassesSmilintAtLevelThree() throws Exception {
        String smilint = Interop.require("smilint", "smitools").toString();
        Path mib = Path.of(System.getProperty("basedir", "."), "src/main/resources/mibs/UPLIFT-IAD-MIB");
        assertTrue(Files.isRegularFile(mib), mib + " exists");

        String output = run(smilint, "-l", "6", "-s", "-m", mib.toString());
        List<String> errors = new ArrayList<>();
        for (String line : output.split("\\R")) {
            Matcher severity = SEVERITY.matcher(line);
            if (severity.find() && Integer.parseInt(severity.group(1)) <= 3) {
                errors.add(line);
            } else if (!line.isBlank()) {
                System.out.println("smilint: " + line);
            }
        }
        assertEquals(List.of(), errors, "smilint errors (level <= 3)");
    }

    private static String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SMIPATH", smiPath());
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "smilint finished");
        return output.toString(StandardCharsets.UTF_8);
    }

    private static String smiPath() throws Exception {
        List<String> dirs = new ArrayList<>();
        IETF_DIRS.stream().filter(dir -> Files.isDirectory(Path.of(dir))).forEach(dirs::add);
        dirs.add(Path.of(UpliftIadMibLintTest.class.getResource("/smi-base/SNMPv2-SMI").toURI()).getParent().toString());
        return String.join(File.pathSeparator, dirs);
    }
}
