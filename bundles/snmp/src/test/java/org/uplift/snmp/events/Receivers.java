package org.uplift.snmp.events;

import java.lang.annotation.Annotation;
import java.util.concurrent.TimeUnit;

import org.uplift.api.directory.DeviceDirectory;

/** Receivers for tests, on an ephemeral loopback port, with their bounds chosen; for other packages too. */
public final class Receivers {

    private Receivers() {
    }

    /** A receiver with the shipped bounds that knows the directory's devices (read once before it returns). */
    public static NotificationReceiver start(DeviceDirectory directory) throws Exception {
        return start(directory, config(600, 16, 4096, 10));
    }

    static NotificationReceiver start(DeviceDirectory directory, NotificationReceiver.Config config) throws Exception {
        NotificationReceiver receiver = new NotificationReceiver(config);
        receiver.setDirectory(directory);
        receiver.refreshSoon().get(5, TimeUnit.SECONDS);
        return receiver;
    }

    public static void stop(NotificationReceiver receiver) throws Exception {
        receiver.deactivate();
    }

    static NotificationReceiver.Config config(int retentionSeconds, int maxPerDevice, int maxTotal,
            int userRefreshSeconds) {
        return new NotificationReceiver.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return NotificationReceiver.Config.class;
            }

            @Override
            public String bindAddress() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public int retentionSeconds() {
                return retentionSeconds;
            }

            @Override
            public int maxPerDevice() {
                return maxPerDevice;
            }

            @Override
            public int maxTotal() {
                return maxTotal;
            }

            @Override
            public int refreshSeconds() {
                return 60;
            }

            @Override
            public int userRefreshSeconds() {
                return userRefreshSeconds;
            }
        };
    }
}
