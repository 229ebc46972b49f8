package org.uplift.snmp.events;

/** Why the receiver dropped a notification (or a kept completion), for the drop counters and the log. */
enum DropReason {

    /** From an address no inventory device has as its SNMP or transfer address. */
    UNKNOWN_SOURCE("not from a known device's address"),
    /** A v1 or v2c community that is not that of any device at the address. */
    WRONG_COMMUNITY("wrong community for the devices at its address"),
    /** A v1 or v2c trap from the address of a device Uplift reaches over SNMPv3 only. */
    NOT_V3("a v1/v2c trap for an SNMPv3 device"),
    /** An SNMPv3 notification whose user is not the device's, or not authenticated at the device's level. */
    WRONG_USER("not the device's SNMPv3 user, or not authenticated"),
    /** A completion received before the operation it names started (planted, or left from an earlier one). */
    BEFORE_START("received before its operation started"),
    /** A kept completion pushed out by newer ones: the device's or the receiver's share was full. */
    OVERFLOW("no room left to keep it"),
    /** A kept completion superseded by a newer one of the same operation, which is kept instead. */
    REPLACED("a newer completion of the same operation came"),
    /** A kept completion no operation asked for within the retention time. */
    EXPIRED("kept unclaimed until it expired");

    private final String text;

    DropReason(String text) {
        this.text = text;
    }

    /** A short text for the log. */
    String text() {
        return text;
    }
}
