package org.uplift.repository.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Large diffs in a JVM of 256 MiB: the full-trace algorithm needed about 3 GB for two 10,000-line
 * configurations that differ everywhere, so these end in an OutOfMemoryError without linear space.
 */
class LargeDiffMemoryTest {

    @Test
    void givenTwo20000LineConfigurationsThatDifferEverywhere_whenDiffedIn256MiB_thenTheDiffIsComplete()
            throws Exception {
        String out = probe(20_000);
        assertTrue(out.startsWith("diff-lines "), out);
        String[] words = out.split(" ");
        // headers, one hunk header, 20,000 deletions and 20,000 insertions
        assertEquals(40_003, Integer.parseInt(words[1]), out);
        long peakMib = Long.parseLong(words[3]);
        assertTrue(peakMib < 200, "peak heap " + peakMib + " MiB: " + out);
        System.out.println("20,000-line diff in -Xmx256m: " + out);
    }

    @Test
    void givenConfigurationsBeyondTheEditBudget_whenDiffedIn256MiB_thenOneLineRefusesThem() throws Exception {
        String out = probe(30_000);
        assertEquals("refused the two configurations differ in more than " + UnifiedDiff.MAX_EDITS
                + " lines; compare them with another tool", out);
    }

    /** Runs {@link LargeDiffProbe} in a JVM of 256 MiB and returns its whole output. */
    private static String probe(int lines) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LargeDiffProbe.class.getName(),
                Integer.toString(lines)).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the probe did not end");
        String out = new String(output, StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), out);
        assertEquals(1, List.of(out.split("\n")).size(), "one line expected: " + out);
        return out;
    }
}
