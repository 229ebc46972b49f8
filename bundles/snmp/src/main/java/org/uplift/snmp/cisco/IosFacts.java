package org.uplift.snmp.cisco;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.common.text.DeviceText;
import org.uplift.snmp.session.Answers;
import org.uplift.snmp.session.EngineBoots;
import org.uplift.snmp.session.SnmpSession;

/**
 * What an IOS device says about itself in the MIBs it really has: SNMPv2-MIB (sysObjectID,
 * sysUpTime, sysDescr), ENTITY-MIB's entPhysicalTable (model, software revision) and
 * CISCO-IMAGE-MIB's ciscoImageTable (the running version). The version is taken from the image's
 * "CW_VERSION$...$" string (found by prefix: row numbers differ between images), else from
 * entPhysicalSoftwareRev (often empty), else from sysDescr by a pattern, else left empty. No
 * standard object gives a kept version, a configuration format or digest: those stay empty.
 * snmpEngineBoots (SNMP-FRAMEWORK-MIB) is read with the system group: -1 where IOS lacks it.
 */
final class IosFacts {

    static final OID ENT_PHYSICAL_ENTRY = new OID("1.3.6.1.2.1.47.1.1.1.1");
    static final int ENT_PHYSICAL_CLASS = 5;
    static final int ENT_PHYSICAL_SOFTWARE_REV = 10;
    static final int ENT_PHYSICAL_MODEL_NAME = 13;
    static final int CLASS_CHASSIS = 3;
    static final OID CISCO_IMAGE_STRING = new OID("1.3.6.1.4.1.9.9.25.1.1.1.2");
    static final String CW_VERSION = "CW_VERSION$";

    /** Rows read per column: a chassis with many line cards has hundreds; the chassis comes first. */
    static final int MAX_ROWS = 64;

    private final SnmpSession session;
    private final Pattern versionPattern;

    /** @param versionPattern finds the version in sysDescr: its first group, else the whole match */
    IosFacts(SnmpSession session, Pattern versionPattern) {
        this.session = session;
        this.versionPattern = versionPattern;
    }

    DeviceFacts read(Device device) throws DeviceException {
        List<VariableBinding> system = session.get(device, SnmpConstants.sysObjectID, SnmpConstants.sysUpTime,
                SnmpConstants.sysDescr,
                EngineBoots.OID);
        if (system.get(0).isException() || system.get(1).isException()) {
            throw new DeviceException(SnmpSession.describe(device) + " does not serve SNMPv2-MIB's sysObjectID and "
                    + "sysUpTime (" + system.get(0).getVariable() + "); its agent is incomplete", false);
        }
        String sysDescr = Answers.textOrEmpty(device, system.get(2));
        Map<Integer, Integer> classes = entityClasses(device);
        String softwareRev = entityText(device, ENT_PHYSICAL_SOFTWARE_REV, classes);
        String model = entityText(device, ENT_PHYSICAL_MODEL_NAME, classes);
        String version = firstNonEmpty(imageVersion(device), softwareRev, fromSysDescr(sysDescr));
        return new DeviceFacts(Answers.oid(device, system.get(0)), Answers.unsigned(device, system.get(1)),
                DeviceText.escape(model), DeviceText.escape(version), "", "", "", EngineBoots.read(system.get(3)));
    }

    /** The CW_VERSION string's value, or "" without CISCO-IMAGE-MIB. */
    private String imageVersion(Device device) throws DeviceException {
        for (VariableBinding row : session.walk(device, CISCO_IMAGE_STRING, MAX_ROWS)) {
            String text = Answers.text(device, row);
            if (text.startsWith(CW_VERSION)) {
                int end = text.indexOf('$', CW_VERSION.length());
                return (end < 0 ? text.substring(CW_VERSION.length()) : text.substring(CW_VERSION.length(), end))
                        .trim();
            }
        }
        return "";
    }

    /** entPhysicalClass by entPhysicalIndex. */
    private Map<Integer, Integer> entityClasses(Device device) throws DeviceException {
        Map<Integer, Integer> classes = new HashMap<>();
        for (VariableBinding row : session.walk(device, column(ENT_PHYSICAL_CLASS), MAX_ROWS)) {
            classes.put(row.getOid().last(), Answers.integer(device, row));
        }
        return classes;
    }

    /** The chassis row's text in the column if it has one, else the first non-empty row's, else "". */
    private String entityText(Device device, int column, Map<Integer, Integer> classes) throws DeviceException {
        String first = "";
        for (VariableBinding row : session.walk(device, column(column), MAX_ROWS)) {
            String text = Answers.text(device, row).trim();
            if (text.isEmpty()) {
                continue;
            }
            if (classes.getOrDefault(row.getOid().last(), 0) == CLASS_CHASSIS) {
                return text;
            }
            if (first.isEmpty()) {
                first = text;
            }
        }
        return first;
    }

    private String fromSysDescr(String sysDescr) {
        Matcher matcher = versionPattern.matcher(sysDescr);
        if (!matcher.find()) {
            return "";
        }
        return (matcher.groupCount() >= 1 && matcher.group(1) != null ? matcher.group(1) : matcher.group()).trim();
    }

    private static OID column(int column) {
        return new OID(ENT_PHYSICAL_ENTRY).append(column);
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
