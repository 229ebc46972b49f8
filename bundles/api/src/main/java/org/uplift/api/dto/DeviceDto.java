package org.uplift.api.dto;

import java.util.Locale;

import org.uplift.api.device.Device;

/**
 * A device as a client sees it: where Uplift reaches it and how, never its SNMP secrets.
 *
 * @param id             the device id
 * @param host           its SNMP agent's address
 * @param snmpPort       its SNMP agent's UDP port
 * @param snmp           the SNMP version (and v3 user and protocols), without community or passphrases
 * @param driver         the driver the inventory names, or {@code null} (chosen by sysObjectID)
 * @param transfer       how it reaches the file server, lower case ({@code tftp}, {@code ftp}, ...)
 * @param serverAddress  the server address it is told, or {@code null}
 * @param transferSource another address its transfers may come from, or {@code null}
 * @since 0.4
 */
public record DeviceDto(String id, String host, int snmpPort, SnmpDto snmp, String driver, String transfer,
        String serverAddress, String transferSource) {

    public static DeviceDto of(Device d) {
        return new DeviceDto(d.id(), d.host(), d.snmpPort(), SnmpDto.of(d.credentials()), d.driver(),
                d.transfer().name().toLowerCase(Locale.ROOT), d.serverAddress(), d.transferSource());
    }
}
