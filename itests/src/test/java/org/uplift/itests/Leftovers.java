package org.uplift.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** What Uplift may leave behind in a Karaf once it is uninstalled: bundles, threads, bound ports. */
final class Leftovers {

    private Leftovers() {
    }

    static List<Bundle> upliftBundles(BundleContext context) {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.uplift."))
                .toList();
    }

    static List<String> names(List<Bundle> bundles) {
        return bundles.stream().map(b -> b.getSymbolicName() + " " + b.getLocation()).toList();
    }

    /** Uplift names every thread it starts "uplift-..." so a leak is visible here and in thread dumps. */
    static List<String> upliftThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("uplift-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Waits up to 10 s for Uplift's threads to end; returns those still alive. */
    static List<String> upliftThreadsAfterGrace() throws InterruptedException {
        List<String> threads = upliftThreads();
        for (int i = 0; i < 40 && !threads.isEmpty(); i++) {
            Thread.sleep(250);
            threads = upliftThreads();
        }
        return threads;
    }

    static boolean udpFree(int port) {
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean tcpFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
