package org.uplift.workflow.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.uplift.api.device.Device;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.workflow.engine.DeviceReader;

/**
 * Turns a selection into the campaign's device list, once, at its start. A named device must be in the
 * directory; a model selection reads every device (a few at a time) through the drivers its jobs would use,
 * and leaves out, with a note for the operator, those that cannot be read and those already on the target.
 */
final class SelectionResolver {

    /** How many devices are read at once for a model selection. */
    private static final int PARALLEL_READS = 8;

    /** @param notes what the operator should know about devices left out */
    record Resolution(List<String> deviceIds, List<String> notes) {
    }

    private final DeviceDirectory directory;

    SelectionResolver(DeviceDirectory directory) {
        this.directory = directory;
    }

    Resolution resolve(CampaignRequest request) throws UpgradeException {
        DeviceSelection selection = request.selection();
        Resolution r = selection.kind() == DeviceSelection.Kind.LIST ? listed(selection.deviceIds())
                : byFacts(request);
        if (r.deviceIds().isEmpty()) {
            throw new UpgradeException(Reason.INVALID_REQUEST,
                    "no device matches " + selection + " for target " + request.firmwareVersion()
                            + (r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")"));
        }
        return r;
    }

    private Resolution listed(List<String> ids) throws UpgradeException {
        List<String> unknown = ids.stream().filter(id -> directory.device(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new UpgradeException(Reason.UNKNOWN_DEVICE,
                    "unknown device" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                            + ": add them with uplift:device-add or see uplift:device-list");
        }
        return new Resolution(ids, List.of());
    }

    private Resolution byFacts(CampaignRequest request) throws UpgradeException {
        List<Device> devices = directory.devices();
        List<String> chosen = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int onTarget = 0;
        Map<String, Future<DeviceFacts>> reads = readAll(devices);
        for (Map.Entry<String, Future<DeviceFacts>> e : reads.entrySet()) {
            DeviceFacts f;
            try {
                f = e.getValue().get();
            } catch (ExecutionException ex) {
                unreadable.add(e.getKey() + " (" + ex.getCause().getMessage() + ")");
                continue;
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new UpgradeException(Reason.UNAVAILABLE,
                        "interrupted while reading the devices of " + request.selection());
            }
            if (!matchesModel(request.selection(), f)) {
                continue;
            }
            int c = Versions.compare(f.runningVersion(), request.firmwareVersion());
            if (c == 0) {
                onTarget++;
            } else if (request.selection().kind() == DeviceSelection.Kind.MODEL || c < 0) {
                chosen.add(e.getKey());
            }
        }
        List<String> notes = new ArrayList<>();
        if (onTarget > 0) {
            notes.add(onTarget + " device" + (onTarget == 1 ? "" : "s") + " already on " + request.firmwareVersion()
                    + " left out");
        }
        if (!unreadable.isEmpty()) {
            notes.add(unreadable.size() + " device" + (unreadable.size() == 1 ? "" : "s")
                    + " left out, could not be read: " + String.join(", ", unreadable));
        }
        return new Resolution(chosen, notes);
    }

    private static boolean matchesModel(DeviceSelection selection, DeviceFacts f) {
        return selection.model() == null || selection.model().equals(f.model());
    }

    private Map<String, Future<DeviceFacts>> readAll(Collection<Device> devices) {
        AtomicInteger n = new AtomicInteger();
        // named like every Uplift thread, so a leak after uninstall shows in thread dumps and in the Karaf tests
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_READS, devices.size())),
                r -> {
                    Thread t = new Thread(r, "uplift-campaign-select-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            Map<String, Future<DeviceFacts>> reads = new LinkedHashMap<>();
            for (Device d : devices) {
                reads.put(d.id(), pool.submit(() -> read(d)));
            }
            return reads;
        } finally {
            pool.shutdown(); // lets the submitted reads finish
        }
    }

    private DeviceFacts read(Device device) throws DeviceException {
        return DeviceReader.read(directory, device);
    }
}
