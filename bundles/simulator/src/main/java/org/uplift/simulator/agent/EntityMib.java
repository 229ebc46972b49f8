package org.uplift.simulator.agent;

import java.util.List;
import java.util.function.Supplier;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * ENTITY-MIB's entPhysicalTable (entPhysicalDescr to entPhysicalIsFRU) with the chassis (index 1)
 * and the route processor module it holds (index 2). The running software's version is on the
 * chassis row, as most IOS devices show it; the vendor type is zeroDotZero (no vendor-type MIB).
 */
final class EntityMib {

    static final OID PHYSICAL_ENTRY = new OID("1.3.6.1.2.1.47.1.1.1.1");
    static final int CLASS_MODULE = 9;
    static final int CLASS_CHASSIS = 3;
    private static final int FALSE = 2;
    private static final int TRUE = 1;
    private static final OID ZERO_DOT_ZERO = new OID("0.0");

    private final DeviceView device;
    private final String vendor;
    private final int serial;

    /**
     * @param vendor entPhysicalMfgName
     * @param serial the device's number, for its serial numbers
     */
    EntityMib(DeviceView device, String vendor, int serial) {
        this.device = device;
        this.vendor = vendor;
        this.serial = serial;
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        int[] syntax = {SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OBJECT_IDENTIFIER,
                SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_INTEGER,
                SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING,
                SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING,
                SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_OCTET_STRING,
                SMIConstants.SYNTAX_INTEGER};
        server.register(ReadOnlyTable.of(PHYSICAL_ENTRY, 2, syntax, List.of(
                row(1, () -> device.model() + " chassis", 0, CLASS_CHASSIS, -1, "Chassis",
                        device::runningVersion, "FTX%07d", () -> device.model(), FALSE),
                row(2, () -> device.model() + " route processor", 1, CLASS_MODULE, 0, "Module 0",
                        () -> "", "FOC%07d", () -> device.model() + "-RP", TRUE))),
                null);
    }

    private ReadOnlyTable.Row row(int index, Supplier<String> descr, int containedIn, int physicalClass,
            int relPos, String name, Supplier<String> softwareRev, String serialFormat, Supplier<String> model,
            int fru) {
        List<Supplier<? extends Variable>> cells = List.of(
                () -> text(descr.get()),
                () -> ZERO_DOT_ZERO,
                () -> new Integer32(containedIn),
                () -> new Integer32(physicalClass),
                () -> new Integer32(relPos),
                () -> text(name),
                () -> text("V01"),
                () -> text(""),
                () -> text(softwareRev.get()),
                () -> text(String.format(serialFormat, serial)),
                () -> text(vendor),
                () -> text(model.get()),
                () -> text(""),
                () -> text(""),
                () -> new Integer32(fru));
        return new ReadOnlyTable.Row(index, cells);
    }

    private static OctetString text(String value) {
        return SystemGroup.displayString(value);
    }
}
