package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/** Finds third-party tools for interoperability tests; skips without them unless they are required. */
public final class Interop {

    public static final String REQUIRED_PROPERTY = "uplift.interop.required";

    private Interop() {
    }

    /** The tool's path; aborts the test (or fails it when interop is required) if it is not installed. */
    public static Path require(String tool, String debianPackage) {
        Optional<Path> found = find(tool);
        if (found.isPresent()) {
            return found.get();
        }
        String message = tool + " not found: install Debian package " + debianPackage;
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            fail(message + " (" + REQUIRED_PROPERTY + "=true)");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    private static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
