package org.uplift.snmp.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;

class FixedServerPortTest {

    private static final Device DEVICE = new Device("d1", "127.0.0.1", 161, SnmpCredentials.v2c("private"), null);

    @Test
    void eachProtocolHasItsOwnPort_andTheOldConstructorGivesHttpItsWellKnownOne() {
        FixedServerPort ports = new FixedServerPort("M", "pid", 6969, 2121, 8080);
        assertEquals(6969, ports.portFor(TransferProtocol.TFTP));
        assertEquals(2121, ports.portFor(TransferProtocol.FTP));
        assertEquals(8080, ports.portFor(TransferProtocol.HTTP));
        assertEquals(80, new FixedServerPort("M", "pid", 69, 21).portFor(TransferProtocol.HTTP));
    }

    @Test
    void aRequestForAnotherPortIsRefused_zeroMeansNotGiven() {
        FixedServerPort ports = new FixedServerPort("DOCS-CABLE-DEVICE-MIB", "org.uplift.snmp.docsis", 69, 0, 8080);

        assertDoesNotThrow(() -> ports.check(DEVICE, request(TransferProtocol.HTTP, 8080)));
        assertDoesNotThrow(() -> ports.check(DEVICE, request(TransferProtocol.HTTP, 0)));
        DeviceException refused = assertThrows(DeviceException.class,
                () -> ports.check(DEVICE, request(TransferProtocol.HTTP, 69)));
        assertTrue(refused.getMessage().contains("HTTP port 8080"), refused.getMessage());
    }

    private static OperationRequest request(TransferProtocol protocol, int port) {
        return new OperationRequest(OperationType.DOWNLOAD_FIRMWARE, protocol, "127.0.0.1", port, "f.img", null, null);
    }
}
