package org.uplift.snmp.session;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.snmp4j.smi.AssignableFromLong;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;

/**
 * Reads typed values out of an agent's answer. An agent that answers with the wrong type (an
 * INTEGER where the MIB says OCTET STRING, ...) gets one clear {@link DeviceException} naming the
 * device, the object and both types, never a ClassCastException.
 */
public final class Answers {

    private Answers() {
    }

    /** An OBJECT IDENTIFIER, dotted. */
    public static String oid(Device device, VariableBinding binding) throws DeviceException {
        if (binding.getVariable() instanceof OID oid) {
            return oid.toDottedString();
        }
        throw wrongType(device, binding, "OBJECT IDENTIFIER");
    }

    /** An OCTET STRING as UTF-8 text. */
    public static String text(Device device, VariableBinding binding) throws DeviceException {
        return new String(octets(device, binding), StandardCharsets.UTF_8);
    }

    /** An OCTET STRING as lower-case hex. */
    public static String hex(Device device, VariableBinding binding) throws DeviceException {
        return HexFormat.of().formatHex(octets(device, binding));
    }

    public static byte[] octets(Device device, VariableBinding binding) throws DeviceException {
        if (binding.getVariable() instanceof OctetString octets) {
            return octets.getValue();
        }
        throw wrongType(device, binding, "OCTET STRING");
    }

    /** An INTEGER (Integer32, enumeration, TruthValue). */
    public static int integer(Device device, VariableBinding binding) throws DeviceException {
        if (binding.getVariable() instanceof Integer32 number) {
            return number.getValue();
        }
        throw wrongType(device, binding, "INTEGER");
    }

    /** An unsigned number: Gauge32/Unsigned32, Counter32, TimeTicks, Counter64. */
    public static long unsigned(Device device, VariableBinding binding) throws DeviceException {
        Variable value = binding.getVariable();
        if (value instanceof AssignableFromLong && !(value instanceof Integer32) && !binding.isException()) {
            return value.toLong();
        }
        throw wrongType(device, binding, "an unsigned number (Gauge32, Counter32, TimeTicks)");
    }

    /** An OCTET STRING as text, or {@code ""} when the agent does not have the object (noSuchObject/Instance). */
    public static String textOrEmpty(Device device, VariableBinding binding) throws DeviceException {
        return binding.isException() ? "" : text(device, binding);
    }

    /** An OCTET STRING as hex, or {@code ""} when the agent does not have the object. */
    public static String hexOrEmpty(Device device, VariableBinding binding) throws DeviceException {
        return binding.isException() ? "" : hex(device, binding);
    }

    private static DeviceException wrongType(Device device, VariableBinding binding, String expected) {
        Variable value = binding.getVariable();
        String got = binding.isException() ? value.toString()
                : value.getSyntaxString() + " " + (value instanceof OctetString ? "(" + ((OctetString) value).length()
                        + " bytes)" : value.toString());
        return new DeviceException(SnmpSession.describe(device) + " answered " + binding.getOid().toDottedString()
                + " with " + got + " where " + expected + " is expected; its agent does not implement the MIB as "
                + "written (check the device's software, or choose another driver)", false);
    }
}
