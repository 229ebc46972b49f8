package org.uplift.workflow.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.device.SnmpVersion;
import org.uplift.api.repository.TransferProtocol;

/** Devices as flat properties: {@code device.<id>.<field>}. */
final class DeviceCodec {

    private static final String PREFIX = "device.";

    private DeviceCodec() {
    }

    static Properties encodeAll(Collection<Device> devices) {
        Properties p = new Properties();
        for (Device d : devices) {
            String k = PREFIX + d.id() + ".";
            p.setProperty(k + "host", d.host());
            p.setProperty(k + "port", Integer.toString(d.snmpPort()));
            if (d.driver() != null) {
                p.setProperty(k + "driver", d.driver());
            }
            p.setProperty(k + "transfer", d.transfer().name().toLowerCase(Locale.ROOT));
            put(p, k + "serverAddress", d.serverAddress());
            put(p, k + "transferSource", d.transferSource());
            SnmpCredentials c = d.credentials();
            p.setProperty(k + "snmp.version", c.version().name());
            put(p, k + "snmp.community", c.community());
            put(p, k + "snmp.user", c.securityName());
            put(p, k + "snmp.authProtocol", c.authProtocol());
            put(p, k + "snmp.authPassphrase", c.authPassphrase());
            put(p, k + "snmp.privProtocol", c.privProtocol());
            put(p, k + "snmp.privPassphrase", c.privPassphrase());
        }
        return p;
    }

    static List<Device> decodeAll(Properties p) {
        TreeSet<String> ids = new TreeSet<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(".host")) {
                ids.add(name.substring(PREFIX.length(), name.length() - ".host".length()));
            }
        }
        List<Device> devices = new ArrayList<>();
        for (String id : ids) {
            String k = PREFIX + id + ".";
            SnmpCredentials c = new SnmpCredentials(SnmpVersion.valueOf(p.getProperty(k + "snmp.version", "V2C")),
                    p.getProperty(k + "snmp.community"), p.getProperty(k + "snmp.user"),
                    p.getProperty(k + "snmp.authProtocol"), p.getProperty(k + "snmp.authPassphrase"),
                    p.getProperty(k + "snmp.privProtocol"), p.getProperty(k + "snmp.privPassphrase"));
            devices.add(new Device(id, p.getProperty(k + "host"), Integer.parseInt(p.getProperty(k + "port", "161")), c,
                    p.getProperty(k + "driver"), TransferProtocol.parse(p.getProperty(k + "transfer", "tftp")),
                    p.getProperty(k + "serverAddress"), p.getProperty(k + "transferSource")));
        }
        return devices;
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
