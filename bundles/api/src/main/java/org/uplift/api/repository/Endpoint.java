package org.uplift.api.repository;

/**
 * Where devices reach a file server: the address and port Uplift tells them in SNMP commands.
 *
 * @since 0.1
 */
public record Endpoint(TransferProtocol protocol, String host, int port) {
}
