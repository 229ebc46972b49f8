package org.uplift.simulator;

import java.nio.charset.StandardCharsets;

/** The configuration a simulated device starts with: deterministic per device index. */
final class RunningConfig {

    private RunningConfig() {
    }

    static byte[] initial(int index, String format) {
        String text = "# uplift-iad running configuration\n"
                + "format=" + format + "\n"
                + "[user]\n"
                + String.format("user.1.name=subscriber-%04d%n", index)
                + String.format("user.1.phone=+1-555-%04d%n", 100 + index)
                + "[port]\n"
                + "port.1.name=fxs1\n"
                + "port.1.enabled=true\n"
                + "[protocol]\n"
                + "protocol.sip.registrar=192.0.2.10\n"
                + "protocol.sip.register-interval=3600\n"
                + "[default]\n"
                + "default.country=us\n"
                + "default.tone-profile=standard\n";
        return text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the {@code format=} line, or {@code null} if there is none. */
    static String formatOf(byte[] config) {
        for (String line : new String(config, StandardCharsets.UTF_8).split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("format=")) {
                return trimmed.substring("format=".length()).trim();
            }
        }
        return null;
    }
}
