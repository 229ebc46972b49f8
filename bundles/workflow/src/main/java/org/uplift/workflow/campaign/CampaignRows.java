package org.uplift.workflow.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;

/** Reads and writes campaign rows on a connection the caller's transaction owns. */
final class CampaignRows {

    private static final String COLUMNS = "id, firmware_version, selection_kind, selection_model, concurrency, waves,"
            + " error_threshold, policy, state, message, current_wave, wave_count, threshold_cleared_wave, created_at, updated_at";

    /** A slot's columns of {@code uplift_campaign_devices}, as {@link #slot} reads them. */
    static final String SLOT_COLUMNS = "seq, wave, device_id, job_id, start_error, claimed_at";

    private CampaignRows() {
    }

    static void insert(Connection c, StoredCampaign campaign) throws SQLException {
        CampaignRequest r = campaign.request();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO uplift_campaigns (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, campaign.id());
            s.setString(2, r.firmwareVersion());
            s.setString(3, r.selection().kind().name());
            s.setString(4, r.selection().model());
            s.setInt(5, r.concurrency());
            s.setString(6, WaveSize.format(r.waves()));
            s.setInt(7, r.errorThresholdPercent());
            s.setString(8, r.policy().toString());
            setHead(s, 9, campaign);
            s.setLong(14, campaign.createdAt().toEpochMilli());
            s.setLong(15, campaign.updatedAt().toEpochMilli());
            s.executeUpdate();
        }
        int[] devices = new int[campaign.waveCount()];
        try (PreparedStatement s = c.prepareStatement("INSERT INTO uplift_campaign_devices (campaign_id, seq, wave,"
                + " device_id, job_id, start_error, claimed_at, phase) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Slot slot : campaign.slots()) {
                s.setString(1, campaign.id());
                s.setInt(2, slot.seq());
                s.setInt(3, slot.wave());
                s.setString(4, slot.deviceId());
                setOutcome(s, 5, slot);
                s.setString(8, SlotPhase.of(slot).name());
                s.addBatch();
                devices[slot.wave()]++;
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO uplift_campaign_waves"
                + " (campaign_id, wave, devices, done_count, failed_count) VALUES (?, ?, ?, 0, 0)")) {
            for (int w = 0; w < devices.length; w++) {
                s.setString(1, campaign.id());
                s.setInt(2, w);
                s.setInt(3, devices[w]);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Writes what changed from {@code before} to {@code after}: the campaign's state and wave, and changed slots. */
    static void update(Connection c, StoredCampaign before, StoredCampaign after) throws SQLException {
        updateHead(c, before, after);
        for (Slot slot : after.slots()) {
            if (!slot.equals(before.slots().get(slot.seq()))) {
                StoredSlot stored = stored(c, after.id(), slot.seq());
                if (stored != null) {
                    write(c, after.id(), slot, stored.phase());
                }
            }
        }
    }

    /** Writes the campaign's state and wave if they changed. */
    static void updateHead(Connection c, StoredCampaign before, StoredCampaign after) throws SQLException {
        if (sameHead(before, after)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE uplift_campaigns SET state = ?, message = ?,"
                + " current_wave = ?, wave_count = ?, threshold_cleared_wave = ?, updated_at = ? WHERE id = ?")) {
            setHead(s, 1, after);
            s.setLong(6, after.updatedAt().toEpochMilli());
            s.setString(7, after.id());
            s.executeUpdate();
        }
    }

    /**
     * Records a start's outcome unless the slot has a job already. The campaign's row is locked first, as by every
     * change of its slots, so the waves' counts stay those of the settled slots.
     */
    static boolean recordStart(Connection c, String campaignId, Slot outcome) throws SQLException {
        if (!lock(c, campaignId)) {
            return false;
        }
        StoredSlot stored = stored(c, campaignId, outcome.seq());
        if (stored == null || stored.jobId() != null) {
            return false;
        }
        write(c, campaignId, outcome, stored.phase());
        return true;
    }

    /** A slot's job and phase as stored, or {@code null} if there is no such slot. */
    private record StoredSlot(String jobId, SlotPhase phase) {
    }

    private static StoredSlot stored(Connection c, String campaignId, int seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT job_id, phase FROM uplift_campaign_devices WHERE campaign_id = ? AND seq = ?")) {
            s.setString(1, campaignId);
            s.setInt(2, seq);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new StoredSlot(r.getString(1), SlotPhase.valueOf(r.getString(2))) : null;
            }
        }
    }

    /**
     * Writes a slot as a change other than a tick's makes it: {@link SlotPhase#of its phase} follows from it, and
     * if it had been settled ({@code was}, its phase as stored) its wave no longer counts it (a late start recorded
     * over a start error).
     */
    private static void write(Connection c, String campaignId, Slot slot, SlotPhase was) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE uplift_campaign_devices SET job_id = ?, start_error = ?,"
                + " claimed_at = ?, phase = ? WHERE campaign_id = ? AND seq = ?")) {
            setOutcome(s, 1, slot);
            s.setString(4, SlotPhase.of(slot).name());
            s.setString(5, campaignId);
            s.setInt(6, slot.seq());
            s.executeUpdate();
        }
        if (was.settled()) {
            TickRows.count(c, campaignId, slot.wave(), was == SlotPhase.DONE ? -1 : 0,
                    was == SlotPhase.FAILED ? -1 : 0);
        }
    }

    private static boolean lock(Connection c, String campaignId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM uplift_campaigns WHERE id = ? FOR UPDATE")) {
            s.setString(1, campaignId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static Optional<StoredCampaign> find(Connection c, String id, boolean lock) throws SQLException {
        List<StoredCampaign> found = query(c, "SELECT " + COLUMNS + " FROM uplift_campaigns WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""), id);
        return found.stream().findFirst();
    }

    /**
     * The campaign's row without its slots (an empty list; a list selection names no device): what a tick reads
     * of it, locked.
     */
    static Optional<StoredCampaign> lockedHead(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM uplift_campaigns WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(head(rows)) : Optional.empty();
            }
        }
    }

    static List<StoredCampaign> newest(Connection c, int limit) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM uplift_campaigns ORDER BY created_at DESC, id DESC"
                + " FETCH FIRST " + limit + " ROWS ONLY");
    }

    static List<String> inState(Connection c, CampaignState state) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c
                .prepareStatement("SELECT id FROM uplift_campaigns WHERE state = ? ORDER BY created_at")) {
            s.setString(1, state.name());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static List<StoredCampaign> query(Connection c, String sql, String... parameters) throws SQLException {
        List<StoredCampaign> heads = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    heads.add(head(rows));
                }
            }
        }
        List<StoredCampaign> campaigns = new ArrayList<>();
        for (StoredCampaign head : heads) {
            campaigns.add(withSlots(head, slots(c, head.id())));
        }
        return campaigns;
    }

    private static StoredCampaign head(ResultSet r) throws SQLException {
        DeviceSelection.Kind kind = DeviceSelection.Kind.valueOf(r.getString("selection_kind"));
        String model = r.getString("selection_model");
        // a LIST selection's ids are the devices' slots; filled in by withSlots
        DeviceSelection selection = kind == DeviceSelection.Kind.LIST ? DeviceSelection.list(List.of("?"))
                : new DeviceSelection(kind, List.of(), model);
        CampaignRequest request = new CampaignRequest(r.getString("firmware_version"), selection,
                r.getInt("concurrency"),
                WaveSize.parseAll(r.getString("waves")), r.getInt("error_threshold"),
                RetryPolicy.parse(r.getString("policy")));
        return new StoredCampaign(r.getString("id"), request, CampaignState.valueOf(r.getString("state")),
                r.getString("message"), Instant.ofEpochMilli(r.getLong("created_at")),
                Instant.ofEpochMilli(r.getLong("updated_at")), r.getInt("current_wave"), r.getInt("wave_count"),
                r.getInt("threshold_cleared_wave"), List.of());
    }

    private static StoredCampaign withSlots(StoredCampaign head, List<Slot> slots) {
        CampaignRequest r = head.request();
        if (r.selection().kind() == DeviceSelection.Kind.LIST) {
            r = new CampaignRequest(r.firmwareVersion(),
                    DeviceSelection.list(slots.stream().map(Slot::deviceId).toList()),
                    r.concurrency(), r.waves(), r.errorThresholdPercent(), r.policy());
        }
        return new StoredCampaign(head.id(), r, head.state(), head.message(), head.createdAt(), head.updatedAt(),
                head.currentWave(), head.waveCount(), head.thresholdClearedWave(), slots);
    }

    private static List<Slot> slots(Connection c, String campaignId) throws SQLException {
        List<Slot> slots = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + SLOT_COLUMNS
                + " FROM uplift_campaign_devices WHERE campaign_id = ? ORDER BY seq")) {
            s.setString(1, campaignId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    slots.add(slot(r));
                }
            }
        }
        return slots;
    }

    /** The slot in a row of {@link #SLOT_COLUMNS}. */
    static Slot slot(ResultSet r) throws SQLException {
        long claimed = r.getLong("claimed_at");
        Instant claimedAt = r.wasNull() ? null : Instant.ofEpochMilli(claimed);
        return new Slot(r.getInt("seq"), r.getInt("wave"), r.getString("device_id"), r.getString("job_id"),
                r.getString("start_error"), claimedAt);
    }

    private static boolean sameHead(StoredCampaign a, StoredCampaign b) {
        return a.state() == b.state() && a.message().equals(b.message()) && a.currentWave() == b.currentWave()
                && a.waveCount() == b.waveCount() && a.thresholdClearedWave() == b.thresholdClearedWave()
                && a.updatedAt().equals(b.updatedAt());
    }

    private static void setHead(PreparedStatement s, int first, StoredCampaign c) throws SQLException {
        s.setString(first, c.state().name());
        s.setString(first + 1, truncate(c.message()));
        s.setInt(first + 2, c.currentWave());
        s.setInt(first + 3, c.waveCount());
        s.setInt(first + 4, c.thresholdClearedWave());
    }

    static void setOutcome(PreparedStatement s, int first, Slot slot) throws SQLException {
        s.setString(first, slot.jobId());
        s.setString(first + 1, slot.startError() == null ? null : truncate(slot.startError()));
        if (slot.claimedAt() == null) {
            s.setNull(first + 2, Types.BIGINT);
        } else {
            s.setLong(first + 2, slot.claimedAt().toEpochMilli());
        }
    }

    private static String truncate(String text) {
        return text.length() <= CampaignSchema.MESSAGE_CHARS ? text
                : text.substring(0, CampaignSchema.MESSAGE_CHARS - 1) + "…";
    }
}
