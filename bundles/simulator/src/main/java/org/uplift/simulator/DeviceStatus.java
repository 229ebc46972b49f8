package org.uplift.simulator;

/**
 * A simulated device as the shell shows it.
 *
 * @param index          its number in the fleet
 * @param port           its SNMP port on 127.0.0.1
 * @param model          its model
 * @param runningVersion the software it runs
 * @param keptVersion    the software it keeps, or empty
 * @param configFormat   the configuration format it reads
 * @param configDigest   SHA-256 of its running configuration, lower-case hex
 * @param rebooting      whether it is silent because it reboots
 */
public record DeviceStatus(int index, int port, String model, String runningVersion, String keptVersion,
        String configFormat, String configDigest, boolean rebooting) {
}
