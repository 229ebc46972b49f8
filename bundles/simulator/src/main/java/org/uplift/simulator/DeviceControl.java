package org.uplift.simulator;

/** What an operation may do to its device beyond its own row. */
interface DeviceControl {

    /** Reboots the device a moment from now; {@code atBoot} runs when it comes back (the new software starts). */
    void reboot(Runnable atBoot);

    /** The agent stops answering SNMP until the faults are cleared. */
    void goSilent();

    /** The agent answers nothing for {@code millis} (the device is busy, not rebooting), then {@code then} runs. */
    void pause(long millis, Runnable then);

    /** Reboots the device {@code millis} from now, keeping its software. */
    void rebootLater(long millis);
}
