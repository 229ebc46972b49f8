package org.uplift.simulator.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * CISCO-IMAGE-MIB's ciscoImageTable: the "CW_" strings IOS keeps in its image, the running version
 * among them ("CW_VERSION$15.1(4)M4$"). Managers must find that row by its prefix: the row numbers
 * differ between images.
 */
final class CiscoImageMib {

    static final OID IMAGE_ENTRY = new OID("1.3.6.1.4.1.9.9.25.1.1.1");

    private final DeviceView device;

    CiscoImageMib(DeviceView device) {
        this.device = device;
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        List<Supplier<String>> strings = List.of(
                () -> "CW_BEGIN$-$",
                () -> "CW_IMAGE$" + family() + "-UNIVERSALK9-M$",
                () -> "CW_FAMILY$" + family() + "$",
                () -> "CW_FEATURE$IP|SSH|VOICE$",
                () -> "CW_VERSION$" + device.runningVersion() + "$",
                () -> "CW_MEDIA$RAM$",
                () -> "CW_SYSDESCR$Cisco IOS Software, " + family() + " Software$",
                () -> "CW_MAGIC$$",
                () -> "CW_END$" + family() + "-UNIVERSALK9-M$");
        List<ReadOnlyTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < strings.size(); i++) {
            Supplier<String> text = strings.get(i);
            List<Supplier<? extends Variable>> cells = List.of(() -> SystemGroup.displayString(text.get()));
            rows.add(new ReadOnlyTable.Row(i + 1, cells));
        }
        server.register(ReadOnlyTable.of(IMAGE_ENTRY, 2, new int[]{SMIConstants.SYNTAX_OCTET_STRING}, rows), null);
    }

    /** The image family from the model, e.g. C2900 for CISCO2901/K9 (letters and digits only). */
    private String family() {
        String model = device.model().toUpperCase(Locale.ROOT).replaceAll("/.*", "").replaceAll("[^A-Z0-9]", "");
        return model.startsWith("CISCO") ? "C" + model.substring("CISCO".length()) : model;
    }
}
