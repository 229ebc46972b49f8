package org.uplift.simulator;

/** What an operation may do to its device beyond its own row. */
interface DeviceControl {

    /** Reboots the device a moment from now; {@code atBoot} runs when it comes back (the new software starts). */
    void reboot(Runnable atBoot);

    /** The agent stops answering SNMP until the faults are cleared. */
    void goSilent();
}
