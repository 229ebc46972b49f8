package org.uplift.simulator;

import java.util.List;

/**
 * A simulated device as the shell shows it.
 *
 * @param index          its number in the fleet
 * @param host           its loopback address
 * @param port           its SNMP port
 * @param model          its model
 * @param runningVersion the software it runs
 * @param keptVersion    the software it keeps, or empty
 * @param configFormat   the configuration format it reads
 * @param configDigest   SHA-256 of its running configuration, lower-case hex
 * @param rebooting      whether it is silent (rebooting, or a fault silences it)
 * @param faults         the faults it shows, as written on a command line
 */
public record DeviceStatus(int index, String host, int port, String model, String runningVersion, String keptVersion,
        String configFormat, String configDigest, boolean rebooting, List<String> faults) {
}
