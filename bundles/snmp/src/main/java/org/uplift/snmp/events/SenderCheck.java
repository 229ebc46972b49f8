package org.uplift.snmp.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.security.SecurityLevel;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.device.SnmpVersion;
import org.uplift.snmp.session.UsmProtocols;

/**
 * Which of the devices at a notification's source address sent it, judged by its credentials: a v1
 * or v2c community must be the device's own (a v3 device sends none), an SNMPv3 user must be the
 * device's and authenticated (USM checked the digest) at least at the device's security level.
 */
final class SenderCheck {

    /** The devices the notification may be from, or, if none, why not. */
    record Verdict(List<Device> senders, DropReason reason) {
    }

    private SenderCheck() {
    }

    /**
     * @param candidates    the devices at the source address (none: an unknown source)
     * @param model         the message processing model ({@link MessageProcessingModel#MPv1} ...)
     * @param securityName  the community (v1, v2c) or the USM user name (v3)
     * @param securityLevel the level USM authenticated (v3)
     */
    static Verdict judge(List<Device> candidates, int model, byte[] securityName, int securityLevel) {
        if (candidates.isEmpty()) {
            return new Verdict(List.of(), DropReason.UNKNOWN_SOURCE);
        }
        List<Device> senders = new ArrayList<>(1);
        boolean community = model == MessageProcessingModel.MPv1 || model == MessageProcessingModel.MPv2c;
        boolean anyCommunityDevice = false;
        for (Device device : candidates) {
            SnmpCredentials credentials = device.credentials();
            if (community && credentials.version() != SnmpVersion.V3) {
                anyCommunityDevice = true;
                if (sameBytes(credentials.community(), securityName)) {
                    senders.add(device);
                }
            } else if (model == MessageProcessingModel.MPv3 && credentials.version() == SnmpVersion.V3
                    && authenticated(credentials, securityName, securityLevel)) {
                senders.add(device);
            }
        }
        if (!senders.isEmpty()) {
            return new Verdict(List.copyOf(senders), null);
        }
        if (community) {
            return new Verdict(List.of(), anyCommunityDevice ? DropReason.WRONG_COMMUNITY : DropReason.NOT_V3);
        }
        return new Verdict(List.of(), DropReason.WRONG_USER);
    }

    private static boolean authenticated(SnmpCredentials credentials, byte[] user, int level) {
        int required;
        try {
            required = Math.max(SecurityLevel.AUTH_NOPRIV, UsmProtocols.securityLevel(credentials));
        } catch (IllegalArgumentException e) {
            return false; // a protocol name USM does not know: its user was never added
        }
        return level >= required && sameBytes(credentials.securityName(), user);
    }

    /** Compares in constant time: how long a wrong community takes must not tell how much of it was right. */
    private static boolean sameBytes(String expected, byte[] actual) {
        return expected != null && actual != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual);
    }
}
