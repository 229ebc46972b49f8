package org.uplift.webconsole;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.WaveProgress;

/**
 * The page's rows as display strings, field by field. The HTML and the JSON the page polls are both made from
 * these, so the table the server renders and the one the script redraws say the same.
 */
final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** id, device, firmware, state, progress, campaign, message, created, awaitingDecision. */
    static Map<String, Object> job(JobRow row) {
        Job j = row.job();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("device", j.deviceId());
        m.put("firmware", j.firmwareId());
        m.put("state", j.state().name());
        m.put("progress", row.progress());
        m.put("campaign", j.campaignId() == null ? "" : j.campaignId());
        m.put("message", j.lastMessage());
        m.put("created", time(j.createdAt()));
        m.put("awaitingDecision", row.awaitingDecision());
        return m;
    }

    /** id, target, devicesChosen, state, wave, devices, done, failed, waiting, running, notStarted, message, created. */
    static Map<String, Object> campaign(Campaign c) {
        List<WaveProgress> waves = c.waves();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("target", c.request().firmwareVersion());
        m.put("devicesChosen", c.request().selection().toString());
        m.put("state", c.state().name());
        m.put("wave", c.currentWave() + " of " + waves.size());
        m.put("devices", c.devices());
        m.put("done", c.done());
        m.put("failed", c.failed());
        m.put("waiting", waves.stream().mapToInt(WaveProgress::awaitingDecision).sum());
        m.put("running", waves.stream().mapToInt(WaveProgress::running).sum());
        m.put("notStarted", waves.stream().mapToInt(WaveProgress::notStarted).sum());
        m.put("message", c.message() == null ? "" : c.message());
        m.put("created", time(c.createdAt()));
        return m;
    }

    /** The selected job's heading fields and its history. */
    static Map<String, Object> history(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("device", j.deviceId());
        m.put("firmware", j.firmwareId());
        m.put("state", j.state().name());
        m.put("history", j.history().stream().map(Views::step).toList());
        return m;
    }

    static Map<String, Object> step(StepRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", r.state().name());
        m.put("at", time(r.at()));
        m.put("message", r.message() == null ? "" : r.message());
        return m;
    }

    /** The whole snapshot as the page's script reads it. */
    static Map<String, Object> snapshot(ConsoleSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobs", s.jobs().stream().map(Views::job).toList());
        m.put("jobsTotal", s.totalJobs());
        m.put("campaigns", s.campaigns().stream().map(Views::campaign).toList());
        m.put("selected", s.selected() == null ? null : history(s.selected()));
        m.put("selectedError", s.selectedError());
        m.put("error", s.error());
        return m;
    }
}
