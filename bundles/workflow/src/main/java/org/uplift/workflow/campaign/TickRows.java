package org.uplift.workflow.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.uplift.api.workflow.JobState;
import org.uplift.workflow.store.JobSummary;

/**
 * What a tick reads and writes, on the connection of the transaction that holds the campaign's row: only the
 * open slots, the waves' counts, the first pending slots and the jobs of the devices concerned, each through an index, so a tick's work
 * follows the concurrency and what changed, not the campaign's size. The job store's table ({@code uplift_jobs}) is
 * read here directly: both stores are on one DataSource, and one connection
 * gives the tick one view of slots and jobs.
 */
final class TickRows {

    /**
     * A slot that may still change, and the state of its job.
     *
     * @param phase {@link SlotPhase#OPEN} or {@link SlotPhase#FREED}
     * @param job   the state of its job; {@code null}: no job recorded, or its row was not found
     */
    record Open(Slot slot, SlotPhase phase, JobState job) {
    }

    private TickRows() {
    }

    static List<WaveCounts> waves(Connection c, String campaignId) throws SQLException {
        List<WaveCounts> waves = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT devices, done_count, failed_count"
                + " FROM uplift_campaign_waves WHERE campaign_id = ? ORDER BY wave")) {
            s.setString(1, campaignId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    waves.add(new WaveCounts(r.getInt(1), r.getLong(2), r.getLong(3)));
                }
            }
        }
        return waves;
    }

    /** The campaign's open and freed slots, in order, with their jobs' states. */
    static List<Open> open(Connection c, String campaignId) throws SQLException {
        List<Open> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT d.seq, d.wave, d.device_id, d.job_id, d.start_error,"
                + " d.claimed_at, d.phase, j.state FROM uplift_campaign_devices d"
                + " LEFT JOIN uplift_jobs j ON j.id = d.job_id WHERE d.campaign_id = ? AND d.phase IN (?, ?)"
                + " ORDER BY d.seq")) {
            s.setString(1, campaignId);
            s.setString(2, SlotPhase.OPEN.name());
            s.setString(3, SlotPhase.FREED.name());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Slot slot = CampaignRows.slot(r);
                    String state = r.getString("state");
                    open.add(new Open(slot, SlotPhase.valueOf(r.getString("phase")),
                            state == null ? null : state(state, slot.jobId())));
                }
            }
        }
        return open;
    }

    /** The first {@code limit} pending slots of a wave, in order. */
    static List<Slot> pending(Connection c, String campaignId, int wave, int limit) throws SQLException {
        if (limit <= 0) {
            return List.of();
        }
        List<Slot> slots = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + CampaignRows.SLOT_COLUMNS
                + " FROM uplift_campaign_devices WHERE campaign_id = ? AND phase = ? AND wave = ?"
                // the index's own order (its leading columns are fixed here): H2 then reads only the rows returned
                + " ORDER BY campaign_id, phase, wave, seq FETCH FIRST " + limit + " ROWS ONLY")) {
            s.setString(1, campaignId);
            s.setString(2, SlotPhase.PENDING.name());
            s.setInt(3, wave);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    slots.add(CampaignRows.slot(r));
                }
            }
        }
        return slots;
    }

    /** The newest job of the campaign for each of these devices that has one (as the oldest-first list's last). */
    static Map<String, JobSummary> newestJobs(Connection c, String campaignId, Collection<String> deviceIds)
            throws SQLException {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, JobSummary> newest = new HashMap<>();
        String marks = String.join(", ", Collections.nCopies(deviceIds.size(), "?"));
        // by device, through its index; the campaign is compared here, as a condition on it could lead the
        // database to the campaign's index, which lists every job the campaign ever had
        try (PreparedStatement s = c.prepareStatement("SELECT id, device_id, state, campaign_id FROM uplift_jobs"
                + " WHERE device_id IN (" + marks + ") ORDER BY created_at, id")) {
            int i = 1;
            for (String id : deviceIds) {
                s.setString(i++, id);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (campaignId.equals(r.getString(4))) {
                        newest.put(r.getString(2),
                                new JobSummary(r.getString(1), r.getString(2), state(r.getString(3), r.getString(1))));
                    }
                }
            }
        }
        return newest;
    }

    static void claim(Connection c, String campaignId, Slot slot, Instant at) throws SQLException {
        set(c, campaignId, slot.claimed(at), SlotPhase.OPEN);
    }

    static void unclaim(Connection c, String campaignId, Slot slot) throws SQLException {
        set(c, campaignId, slot.unclaimed(), SlotPhase.FREED);
    }

    /** Records the job a slot has: open while the job goes on, settled once it has ended. */
    static void adopt(Connection c, String campaignId, Slot slot, JobState job) throws SQLException {
        set(c, campaignId, slot, phase(job));
    }

    static void settle(Connection c, String campaignId, Slot slot, SlotPhase phase) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE uplift_campaign_devices SET phase = ? WHERE campaign_id = ? AND seq = ?")) {
            s.setString(1, phase.name());
            s.setString(2, campaignId);
            s.setInt(3, slot.seq());
            s.executeUpdate();
        }
    }

    /** Adds to a wave's counts. */
    static void count(Connection c, String campaignId, int wave, long done, long failed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE uplift_campaign_waves SET done_count = done_count + ?,"
                + " failed_count = failed_count + ? WHERE campaign_id = ? AND wave = ?")) {
            s.setLong(1, done);
            s.setLong(2, failed);
            s.setString(3, campaignId);
            s.setInt(4, wave);
            s.executeUpdate();
        }
    }

    /** The phase of a slot with a job in this state ({@code null}: unknown, taken as going on). */
    static SlotPhase phase(JobState job) {
        if (job == null || !job.terminal()) {
            return SlotPhase.OPEN;
        }
        return job == JobState.DONE ? SlotPhase.DONE : SlotPhase.FAILED;
    }

    private static void set(Connection c, String campaignId, Slot slot, SlotPhase phase) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE uplift_campaign_devices SET job_id = ?, start_error = ?,"
                + " claimed_at = ?, phase = ? WHERE campaign_id = ? AND seq = ?")) {
            CampaignRows.setOutcome(s, 1, slot);
            s.setString(4, phase.name());
            s.setString(5, campaignId);
            s.setInt(6, slot.seq());
            s.executeUpdate();
        }
    }

    private static JobState state(String name, String jobId) throws SQLException {
        try {
            return JobState.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("job " + jobId + " is in state " + name
                    + ", which this Uplift does not know (was it written by a newer version?)", e);
        }
    }
}
