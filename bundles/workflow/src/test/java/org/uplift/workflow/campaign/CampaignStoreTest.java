package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;
import org.uplift.workflow.store.PostgresServer;

/** The campaign tables on both databases the job store supports: what is written is read back the same. */
class CampaignStoreTest {

    @TempDir
    Path dir;

    @Test
    void onH2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("jobs") + ";FILE_LOCK=FS;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=60");
        roundTrip(h2);
    }

    @Test
    void onPostgres() throws Exception {
        try (PostgresServer server = PostgresServer.startOrSkip()) {
            roundTrip(server.newDatabase());
        }
    }

    private static void roundTrip(DataSource dataSource) throws Exception {
        CampaignStore store = new CampaignStore(dataSource);
        new CampaignStore(dataSource); // a second start finds the tables there
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<WaveSize> waves = WaveSize.parseAll("1,50%,100%");
        CampaignRequest listed = new CampaignRequest("2.0.0", DeviceSelection.list(List.of("b", "a", "c")), 2, waves,
                20,
                RetryPolicy.parse("retry:1:abort"));
        StoredCampaign first = new StoredCampaign("c-1", listed, CampaignState.RUNNING, "started", t, t, 0, 3, -1,
                WavePlan.slots(List.of("b", "a", "c"), waves));
        store.create(first);
        CampaignRequest older = new CampaignRequest("2.0.0", DeviceSelection.olderThanTarget("IAD-1000"), 1,
                WaveSize.ALL_AT_ONCE, 0, RetryPolicy.ASK);
        StoredCampaign second = new StoredCampaign("c-2", older, CampaignState.PAUSED, "paused", t.plusMillis(1),
                t.plusMillis(1), 0, 1, -1, WavePlan.slots(List.of("x"), WaveSize.ALL_AT_ONCE));
        store.create(second);

        assertEquals(first, store.find("c-1").orElseThrow());
        assertEquals(second, store.find("c-2").orElseThrow());
        assertEquals(List.of("c-2", "c-1"), store.newest(10).stream().map(StoredCampaign::id).toList());
        assertEquals(List.of("c-1"), store.running());

        StoredCampaign changed = store.update("c-1", c -> c.withSlot(c.slots().get(0).started("j-1"))
                .withSlot(c.slots().get(1).notStarted("device a already has job j-0"))
                .withSlot(c.slots().get(2).claimed(t)).withWave(1, t.plusSeconds(1)).withThresholdCleared(0))
                .orElseThrow().after();
        assertEquals(changed, store.find("c-1").orElseThrow());
        assertTrue(store.update("nope", c -> c).isEmpty());
        assertThrows(CampaignStore.Refused.class, () -> store.update("c-1", c -> {
            throw new CampaignStore.Refused("no");
        }));
        assertEquals(changed, store.find("c-1").orElseThrow(), "a refused change changes nothing");

        Slot claimed = changed.slots().get(2);
        assertTrue(store.recordStart("c-1", claimed.started("j-3")));
        assertFalse(store.recordStart("c-1", claimed.notStarted("too late")), "a job is recorded already");
        assertFalse(store.recordStart("c-1", changed.slots().get(0).started("j-other")));
        StoredCampaign recorded = store.find("c-1").orElseThrow();
        assertEquals(changed.withSlot(claimed.started("j-3")), recorded);
    }
}
