package org.uplift.snmp.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.uplift.api.device.Device;

/**
 * The devices notifications may come from, by address: each device under its SNMP address and its
 * transfer source, resolved. Immutable, so the listener thread reads it without locks; it is built
 * elsewhere (names may need DNS) and swapped in whole.
 */
final class KnownDevices {

    static final KnownDevices NONE = new KnownDevices(Map.of());

    private final Map<String, List<Device>> byAddress;

    private KnownDevices(Map<String, List<Device>> byAddress) {
        this.byAddress = byAddress;
    }

    /** The devices indexed by address; {@code unresolved} hears each host that does not resolve. */
    static KnownDevices of(Collection<Device> devices, Consumer<String> unresolved) {
        Map<String, Set<Device>> index = new HashMap<>();
        for (Device device : devices) {
            for (String host : hosts(device)) {
                String address = resolve(host);
                if (address == null) {
                    unresolved.accept(host);
                } else {
                    index.computeIfAbsent(address, a -> new LinkedHashSet<>()).add(device);
                }
            }
        }
        Map<String, List<Device>> byAddress = new HashMap<>();
        index.forEach((address, set) -> byAddress.put(address, List.copyOf(set)));
        return new KnownDevices(Map.copyOf(byAddress));
    }

    /** These devices and {@code device} (a copy: this one is not changed). */
    KnownDevices with(Device device, Consumer<String> unresolved) {
        Map<String, List<Device>> byAddress = new HashMap<>(this.byAddress);
        for (String host : hosts(device)) {
            String address = resolve(host);
            if (address == null) {
                unresolved.accept(host);
                continue;
            }
            List<Device> there = new ArrayList<>(byAddress.getOrDefault(address, List.of()));
            if (!there.contains(device)) {
                there.add(device);
            }
            byAddress.put(address, List.copyOf(there));
        }
        return new KnownDevices(Map.copyOf(byAddress));
    }

    /** The devices at this address (textual IP, as {@link InetAddress#getHostAddress()} writes it). */
    List<Device> at(String address) {
        return byAddress.getOrDefault(address, List.of());
    }

    /** Whether the device is indexed under all its addresses. */
    boolean knows(Device device) {
        for (String host : hosts(device)) {
            String address = resolve(host);
            if (address != null && !at(address).contains(device)) {
                return false;
            }
        }
        return true;
    }

    /** All devices, once each. */
    Collection<Device> devices() {
        Set<Device> all = new LinkedHashSet<>();
        byAddress.values().forEach(all::addAll);
        return all;
    }

    /** How many addresses are indexed. */
    int addresses() {
        return byAddress.size();
    }

    private static List<String> hosts(Device device) {
        List<String> hosts = new ArrayList<>(2);
        hosts.add(device.host());
        if (device.transferSource() != null) {
            hosts.add(device.transferSource());
        }
        return hosts;
    }

    /** The host's address in textual form, or {@code null} if it does not resolve. */
    static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
