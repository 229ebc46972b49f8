package org.uplift.repository.tftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A parsed RRQ or WRQ.
 *
 * @param reads    {@code true} for RRQ (the client reads), {@code false} for WRQ
 * @param fileName the requested name, exactly as sent
 * @param octet    {@code true} for octet mode, {@code false} for netascii
 * @param options  RFC 2347 options, names in lower case
 * @param address  where the request came from
 * @param port     the client's port (its TID)
 */
record TftpRequest(boolean reads, String fileName, boolean octet, Map<String, String> options, InetAddress address,
        int port) {

    TftpRequest {
        options = Map.copyOf(options);
    }

    InetSocketAddress client() {
        return new InetSocketAddress(address, port);
    }

    String kind() {
        return reads ? "RRQ" : "WRQ";
    }
}
