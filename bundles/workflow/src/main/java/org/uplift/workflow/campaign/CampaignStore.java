package org.uplift.workflow.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.uplift.api.workflow.CampaignState;
import org.uplift.workflow.store.LazySchema;
import org.uplift.workflow.store.SqlWork;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.Transactions;

/**
 * Campaigns in the job store's database. It shares the job store's configuration PID, so the one
 * {@code dataSource.target} in {@code etc/org.uplift.jobstore.cfg} moves jobs and campaigns together.
 * Every change runs with the campaign's row locked, so nodes sharing PostgreSQL never start the
 * same device twice nor pass the concurrency limit together.
 */
@Component(service = CampaignStore.class, configurationPid = "org.uplift.jobstore")
public class CampaignStore {

    /** A change the campaign refuses (e.g. resuming one that is not paused); the message is for the operator. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A change as written: the campaign before and after it. */
    record Change(StoredCampaign before, StoredCampaign after) {
    }

    /** Connections kept between operations, each with its prepared statements: a tick runs after every job. */
    private final Transactions transactions;
    private final LazySchema schema;

    @Activate
    public CampaignStore(
            @Reference(name = "dataSource", target = "(osgi.jndi.service.name=uplift)") DataSource dataSource)
            throws StoreException {
        this.schema = new LazySchema("campaign store",
                () -> CampaignSchema.migrate(dataSource, Clock.systemUTC())).tryNow();
        this.transactions = new Transactions(dataSource);
    }

    void create(StoredCampaign campaign) throws StoreException {
        run("cannot store new campaign " + campaign.id(), c -> {
            CampaignRows.insert(c, campaign);
            return null;
        });
    }

    Optional<StoredCampaign> find(String id) throws StoreException {
        return run("cannot read campaign " + id, c -> CampaignRows.find(c, id, false));
    }

    /** The newest {@code limit} campaigns, newest first. */
    List<StoredCampaign> newest(int limit) throws StoreException {
        return run("cannot list campaigns", c -> CampaignRows.newest(c, limit));
    }

    List<String> running() throws StoreException {
        return run("cannot list running campaigns", c -> CampaignRows.inState(c, CampaignState.RUNNING));
    }

    /**
     * Applies {@code change} to the campaign with its row locked and writes the difference. The change
     * may throw {@link Refused} to change nothing.
     *
     * @return empty if there is no such campaign
     */
    Optional<Change> update(String id, UnaryOperator<StoredCampaign> change) throws StoreException {
        return run("cannot change campaign " + id, c -> {
            Optional<StoredCampaign> before = CampaignRows.find(c, id, true);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            StoredCampaign after = change.apply(before.get());
            if (!after.equals(before.get())) {
                CampaignRows.update(c, before.get(), after);
            }
            return Optional.of(new Change(before.get(), after));
        });
    }

    /**
     * One tick of the campaign ({@link CampaignTick}), with its row locked.
     *
     * @return empty if there is no such campaign
     */
    Optional<CampaignTick.Outcome> advance(String id, Instant now) throws StoreException {
        return run("cannot advance campaign " + id, c -> CampaignTick.run(c, id, now));
    }

    /**
     * Records what became of a slot's start (its job, or why it was not started) unless a job is already
     * recorded for it (another node's tick adopted the job meanwhile). One row and the campaign's: a campaign
     * of thousands of devices records a start without reading them all.
     *
     * @return {@code false} if a job was already recorded
     */
    boolean recordStart(String campaignId, Slot outcome) throws StoreException {
        return run("cannot record the start of device " + outcome.deviceId() + " in campaign " + campaignId,
                c -> CampaignRows.recordStart(c, campaignId, outcome));
    }

    private <T> T run(String failure, SqlWork<T> work) throws StoreException {
        schema.ensure();
        return transactions.run(failure, work);
    }

    /** Closes the connections kept between operations. */
    @Deactivate
    void close() {
        transactions.close();
    }
}
