package org.uplift.snmp.iad;

import java.nio.file.Files;
import java.nio.file.Path;

import org.uplift.repository.testing.ExternalTools;

/**
 * The real MIB modules in {@code ../shared/mibs} beside the checkout (public reference data, read
 * from there, never copied into the project). Tests that need them skip without them, unless
 * interoperability tests are required.
 */
public final class Mibs {

    public static final String DIR_PROPERTY = "uplift.mibs.dir";

    private Mibs() {
    }

    /** The folder of MIB modules; aborts the test (or fails it when interop is required) if it is absent. */
    public static Path dir() {
        String configured = System.getProperty(DIR_PROPERTY, "../shared/mibs");
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (Files.isRegularFile(dir.resolve("SNMPv2-MIB"))) {
            return dir;
        }
        String message = "the real MIB modules are not in " + dir + ": put ../shared/mibs beside the checkout";
        ExternalTools.missing(message);
        throw new IllegalStateException("unreachable");
    }

    /** One module's file. */
    public static Path module(String name) {
        return dir().resolve(name);
    }
}
