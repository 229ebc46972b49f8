package org.uplift.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;

/**
 * The JSON form of Uplift's records, as trees {@link org.uplift.rest.json.JsonWriter} writes. What a client
 * sees is chosen here field by field: SNMP communities and v3 passphrases are never among them.
 */
final class Views {

    private Views() {
    }

    /** An ordered JSON object from key, value, key, value...; values may be {@code null}. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> device(Device d) {
        return object("id", d.id(), "host", d.host(), "snmpPort", d.snmpPort(), "snmp", snmp(d.credentials()),
                "driver", d.driver(), "transfer", d.transfer().name().toLowerCase(Locale.ROOT),
                "serverAddress", d.serverAddress(), "transferSource", d.transferSource());
    }

    /** How Uplift talks to the device, without the secrets (community, passphrases). */
    static Map<String, Object> snmp(SnmpCredentials c) {
        return switch (c.version()) {
            case V1 -> object("version", "v1");
            case V2C -> object("version", "v2c");
            case V3 -> object("version", "v3", "user", c.securityName(), "authProtocol", c.authProtocol(),
                    "privProtocol", c.privProtocol());
        };
    }

    static Map<String, Object> firmware(FirmwareImage f) {
        return object("id", f.id(), "model", f.model(), "version", f.version(), "size", f.size(), "sha256", f.sha256(),
                "addedAt", f.addedAt(), "configFormat", f.configFormat(), "releaseNotes", f.releaseNotes());
    }

    static Map<String, Object> backup(ConfigBackup b) {
        return object("device", b.deviceId(), "version", b.version(), "takenAt", b.takenAt(), "size", b.size(),
                "sha256", b.sha256(), "firmwareVersion", b.firmwareVersion(), "formatVersion", b.formatVersion());
    }

    static Map<String, Object> diff(String deviceId, BackupDiff d) {
        return object("device", deviceId, "from", d.from().version(), "to", d.to() == null ? null : d.to().version(),
                "identical", d.identical(), "ignoredLines", d.ignoredLines(), "lines", d.lines());
    }

    /** A job in a list: where it is and its newest message, without the history. */
    static Map<String, Object> jobSummary(Job j) {
        List<StepRecord> history = j.history();
        return object("id", j.id(), "device", j.deviceId(), "firmware", j.firmwareId(), "targetVersion", j.targetVersion(),
                "state", j.state(), "ended", j.state().terminal(), "campaign", j.campaignId(), "createdAt", j.createdAt(),
                "updatedAt", history.isEmpty() ? j.createdAt() : history.get(history.size() - 1).at(),
                "message", j.lastMessage());
    }

    /** A job with its step history and, while it runs, the live progress of its transfer. */
    static Map<String, Object> job(Job j, Optional<JobProgress> progress) {
        Map<String, Object> view = jobSummary(j);
        view.put("plan", j.plan().steps().stream().map(s -> object("step", s.name(), "included", s.included(),
                "how", s.how())).toList());
        view.put("history", j.history().stream().map(Views::step).toList());
        view.put("progress", progress.map(Views::progress).orElse(null));
        return view;
    }

    static Map<String, Object> step(StepRecord r) {
        return object("state", r.state(), "at", r.at(), "message", r.message());
    }

    static Map<String, Object> progress(JobProgress p) {
        return object("job", p.jobId(), "state", p.state(), "transferring", p.transferring(), "bytes", p.bytes(),
                "totalBytes", p.totalBytes());
    }

    /** A campaign in a list: request, state and device counts. */
    static Map<String, Object> campaignSummary(Campaign c) {
        CampaignRequest r = c.request();
        return object("id", c.id(), "state", c.state(), "message", c.message(), "firmwareVersion", r.firmwareVersion(),
                "selection", selection(r.selection()), "concurrency", r.concurrency(), "waveSizes", WaveSize.format(r.waves()),
                "threshold", r.errorThresholdPercent(), "policy", r.policy().toString(), "createdAt", c.createdAt(),
                "updatedAt", c.updatedAt(), "currentWave", c.currentWave(), "devices", c.devices(), "done", c.done(),
                "failed", c.failed());
    }

    /** A campaign with its waves' progress and its jobs. */
    static Map<String, Object> campaign(Campaign c, List<Job> jobs) {
        Map<String, Object> view = campaignSummary(c);
        view.put("waves", c.waves().stream().map(Views::wave).toList());
        view.put("jobs", jobs.stream().map(Views::jobSummary).toList());
        return view;
    }

    static Map<String, Object> selection(DeviceSelection s) {
        return switch (s.kind()) {
            case LIST -> object("kind", "list", "devices", s.deviceIds());
            case MODEL -> object("kind", "model", "model", s.model());
            case OLDER_THAN_TARGET -> object("kind", "older", "model", s.model());
        };
    }

    static Map<String, Object> wave(WaveProgress w) {
        return object("number", w.number(), "devices", w.devices(), "done", w.done(), "failed", w.failed(),
                "awaitingDecision", w.awaitingDecision(), "running", w.running(), "notStarted", w.notStarted(),
                "ended", w.ended(), "failures", w.failures());
    }
}
