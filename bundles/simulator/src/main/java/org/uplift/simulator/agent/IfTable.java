package org.uplift.simulator.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * IF-MIB's ifNumber and ifTable (ifIndex to ifLastChange; no counters): a few interfaces, all up
 * since the agent started, with locally administered MAC addresses derived from the device's number.
 */
final class IfTable {

    static final OID IF_NUMBER = new OID("1.3.6.1.2.1.2.1.0");
    static final OID IF_ENTRY = new OID("1.3.6.1.2.1.2.2.1");

    /** IANAifType values used here. */
    static final int ETHERNET_CSMACD = 6;
    static final int SOFTWARE_LOOPBACK = 24;
    static final int UP = 1;
    static final int DOWN = 2;

    /** One interface: ifDescr, ifType, ifMtu, ifSpeed (bit/s), whether it has a MAC address, ifOperStatus. */
    record Interface(String descr, int type, int mtu, long speed, boolean hasMac, int operStatus) {
    }

    private final int device;
    private final List<Interface> interfaces;

    /** @param device the device's number, for distinct MAC addresses */
    IfTable(int device, List<Interface> interfaces) {
        this.device = device;
        this.interfaces = List.copyOf(interfaces);
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        server.register(new LiveScalar<>(IF_NUMBER, () -> new Integer32(interfaces.size())), null);
        List<ReadOnlyTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < interfaces.size(); i++) {
            Interface nic = interfaces.get(i);
            int ifIndex = i + 1;
            OctetString mac = nic.hasMac() ? new OctetString(new byte[]{0x02, 0x75, 0x70, (byte) (device >> 8),
                    (byte) device, (byte) ifIndex}) : new OctetString();
            List<Supplier<? extends Variable>> cells = List.of(
                    () -> new Integer32(ifIndex),
                    () -> SystemGroup.displayString(nic.descr()),
                    () -> new Integer32(nic.type()),
                    () -> new Integer32(nic.mtu()),
                    () -> new Gauge32(Math.min(nic.speed(), 0xFFFFFFFFL)),
                    () -> mac,
                    () -> new Integer32(UP),
                    () -> new Integer32(nic.operStatus()),
                    () -> new TimeTicks(0));
            rows.add(new ReadOnlyTable.Row(ifIndex, cells));
        }
        int[] syntax = {SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_OCTET_STRING, SMIConstants.SYNTAX_INTEGER,
                SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_GAUGE32, SMIConstants.SYNTAX_OCTET_STRING,
                SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_INTEGER, SMIConstants.SYNTAX_TIMETICKS};
        server.register(ReadOnlyTable.of(IF_ENTRY, 1, syntax, rows), null);
    }

    /** A router's: two gigabit ports (the second unplugged) and the null interface. */
    static List<Interface> router(String prefix) {
        return List.of(new Interface(prefix + "0/0", ETHERNET_CSMACD, 1500, 1_000_000_000L, true, UP),
                new Interface(prefix + "0/1", ETHERNET_CSMACD, 1500, 1_000_000_000L, true, DOWN),
                new Interface("Null0", 1, 1500, 4_294_967_295L, false, UP));
    }

    /** A small device's: one Ethernet port and the loopback. */
    static List<Interface> small() {
        return List.of(new Interface("eth0", ETHERNET_CSMACD, 1500, 100_000_000L, true, UP),
                new Interface("lo", SOFTWARE_LOOPBACK, 65536, 10_000_000L, false, UP));
    }
}
