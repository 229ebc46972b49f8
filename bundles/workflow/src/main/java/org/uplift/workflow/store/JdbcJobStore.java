package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * The job store on a JDBC {@link DataSource}: embedded H2 by default, PostgreSQL where several
 * nodes share jobs. The schema is migrated when the store starts; a schema newer than this code
 * stops it with a message saying so.
 */
@Component(service = JobStore.class, configurationPid = JdbcJobStore.PID)
@Designate(ocd = JdbcJobStore.Config.class)
public class JdbcJobStore implements JobStore {

    static final String PID = "org.uplift.jobstore";

    /** The DataSource pax-jdbc-config publishes for {@code etc/org.ops4j.datasource-uplift.cfg}. */
    static final String DEFAULT_TARGET = "(osgi.jndi.service.name=uplift)";

    @ObjectClassDefinition(name = "Uplift job store", description = "Where upgrade jobs are kept: a javax.sql.DataSource service")
    public @interface Config {
        @AttributeDefinition(name = "DataSource", description = "LDAP filter selecting the DataSource service; the "
                + "default is the one the uplift feature configures (org.ops4j.datasource-uplift)")
        String dataSource_target() default DEFAULT_TARGET;
    }

    private final Transactions transactions;
    private final LeaseTime leaseTime;
    private final LazySchema schema;

    @Activate
    public JdbcJobStore(@Reference(name = "dataSource", target = DEFAULT_TARGET) DataSource dataSource)
            throws StoreException {
        this(dataSource, Clock.systemUTC(), LeaseTime.DATABASE);
    }

    /** Leases measured by {@code clock} instead of the database's: for tests that move time by hand. */
    JdbcJobStore(DataSource dataSource, Clock clock) throws StoreException {
        this(dataSource, clock, LeaseTime.of(clock));
    }

    /** Migrates the schema. */
    JdbcJobStore(DataSource dataSource, Clock clock, LeaseTime leaseTime) throws StoreException {
        this.schema = new LazySchema("job store", () -> Schema.migrate(dataSource, clock)).tryNow();
        this.transactions = new Transactions(dataSource);
        this.leaseTime = leaseTime;
    }

    /** The transactions, once the schema is in place (tried again here while the database was unreachable). */
    private Transactions tx() throws StoreException {
        schema.ensure();
        return transactions;
    }

    /** The connections kept between operations are closed with the store (bundle stopped, DataSource gone). */
    @Deactivate
    void deactivate() {
        transactions.close();
    }

    @Override
    public void create(StoredJob job) throws StoreException {
        String failure = "cannot store new job " + job.id() + " for device " + job.deviceId();
        try {
            tx().run(failure, connection -> {
                if (!job.state().terminal()) {
                    Optional<String> active = JobWrites.activeJob(connection, job.deviceId());
                    if (active.isPresent()) {
                        throw active.get().equals(job.id()) ? duplicate(job, null) : refusal(job, active.get());
                    }
                }
                JobWrites.insertJob(connection, leasedByDatabase(connection, job));
                if (!job.state().terminal()) {
                    JobWrites.insertActiveDevice(connection, job.deviceId(), job.id());
                }
                return null;
            });
        } catch (StoreException e) {
            throw explained(job, e);
        }
    }

    @Override
    public boolean transition(String jobId, JobState expected, StepRecord entry, UnaryOperator<JobRecord> change)
            throws StoreException {
        if (expected.terminal()) {
            throw new IllegalArgumentException(
                    "job " + jobId + ": " + expected + " is terminal, a job never leaves it");
        }
        return tx().run("cannot store transition of job " + jobId + " to " + entry.state(),
                connection -> JobWrites.transition(connection, jobId, expected, entry, change));
    }

    /** One transaction: the moved job is built from the locked row, the history read again only if another writer added to it. */
    @Override
    public Optional<StoredJob> move(StoredJob job, StepRecord entry, UnaryOperator<JobRecord> change)
            throws StoreException {
        if (job.state().terminal()) {
            throw new IllegalArgumentException(
                    "job " + job.id() + ": " + job.state() + " is terminal, a job never leaves it");
        }
        return tx().run("cannot store transition of job " + job.id() + " to " + entry.state(),
                connection -> JobWrites.move(connection, job, entry, change, WriteCheck.asRead(job.owner())));
    }

    @Override
    public Optional<StoredJob> move(StoredJob job, StepRecord entry, UnaryOperator<JobRecord> change, String holder)
            throws StoreException {
        if (job.state().terminal()) {
            throw new IllegalArgumentException(
                    "job " + job.id() + ": " + job.state() + " is terminal, a job never leaves it");
        }
        return tx().run("node " + holder + " cannot store transition of job " + job.id() + " to " + entry.state(),
                connection -> JobWrites.move(connection, job, entry, change,
                        WriteCheck.holder(holder, leaseTime)));
    }

    @Override
    public Optional<StoredJob> answer(StoredJob waiting, DecisionRecord answer, StepRecord entry,
            UnaryOperator<JobRecord> change) throws StoreException {
        return tx().run("cannot store the answer to prompt " + answer.prompt() + " of job " + waiting.id(),
                connection -> JobWrites.move(connection, waiting, entry, change,
                        WriteCheck.asRead(waiting.owner()), answer));
    }

    @Override
    public Optional<StoredJob> find(String jobId) throws StoreException {
        return tx().run("cannot read job " + jobId, connection -> JobRows.find(connection, jobId));
    }

    @Override
    public List<StoredJob> list(int limit) throws StoreException {
        if (limit <= 0) {
            return List.of();
        }
        return tx().run("cannot list the newest " + limit + " jobs", connection -> JobRows.query(connection,
                JobRows.SELECT_JOBS + " ORDER BY created_at DESC, id DESC", limit));
    }

    @Override
    public Page query(JobQuery query) throws StoreException {
        return tx().run("cannot list the jobs matching " + query, connection -> JobQueries.page(connection, query));
    }

    @Override
    public List<StoredJob> ofCampaign(String campaignId) throws StoreException {
        return tx().run("cannot read the jobs of campaign " + campaignId, connection -> JobRows.query(
                connection, JobRows.SELECT_JOBS + " WHERE campaign_id = ? ORDER BY created_at, id", 0, campaignId));
    }

    @Override
    public List<JobSummary> summariesOfCampaign(String campaignId) throws StoreException {
        return tx().run("cannot read the jobs of campaign " + campaignId,
                connection -> JobRows.summaries(connection, campaignId));
    }

    @Override
    public List<StoredJob> claim(String nodeId, Duration lease, int max, Set<JobState> states) throws StoreException {
        if (max <= 0 || states.isEmpty()) {
            return List.of();
        }
        return tx().run("node " + nodeId + " cannot claim jobs in " + states,
                connection -> Leases.claim(connection, nodeId, leaseTime.now(connection), lease, max, states));
    }

    @Override
    public Set<String> renew(String nodeId, Duration lease) throws StoreException {
        return tx().run("node " + nodeId + " cannot renew its job leases",
                connection -> Leases.renew(connection, nodeId, leaseTime.now(connection), lease));
    }

    @Override
    public void release(String jobId, String nodeId) throws StoreException {
        tx().run("node " + nodeId + " cannot release job " + jobId, connection -> {
            Leases.release(connection, jobId, nodeId);
            return null;
        });
    }

    /**
     * A new job's lease, which its creator measured from its own clock, measured again from the database's,
     * so a node whose clock runs ahead does not hold a new job for longer than the lease.
     */
    private StoredJob leasedByDatabase(Connection connection, StoredJob job) throws SQLException {
        if (job.owner() == null || job.leaseUntil() == null) {
            return job;
        }
        Instant until = leaseTime.now(connection).plus(Duration.between(job.createdAt(), job.leaseUntil()));
        return new StoredJob(job.id(), job.deviceId(), job.firmwareId(), job.targetVersion(), job.campaignId(),
                job.state(), job.createdAt(), job.updatedAt(), job.record(), job.history(), job.owner(), until);
    }

    private static DeviceBusy refusal(StoredJob job, String activeJobId) {
        return new DeviceBusy("device " + job.deviceId() + " already has job " + activeJobId
                + " that has not ended; let it finish or abort it (uplift:job " + activeJobId
                + ") before starting job " + job.id());
    }

    private static StoreException duplicate(StoredJob job, Exception cause) {
        return new StoreException("cannot store new job " + job.id() + " for device " + job.deviceId()
                + ": a job with that id already exists", cause);
    }

    /**
     * A second job for the same device created at the same moment passes the first check and hits
     * the active-device key: name the job that won, as the first check would have.
     */
    private StoreException explained(StoredJob job, StoreException e) throws StoreException {
        if (!(e.getCause() instanceof SQLException sql) || !Transactions.isUniqueViolation(sql)) {
            return e;
        }
        Optional<String> active = tx().run("cannot store new job " + job.id() + " for device "
                + job.deviceId(), connection -> JobWrites.activeJob(connection, job.deviceId()));
        if (active.isPresent() && !active.get().equals(job.id())) {
            return refusal(job, active.get());
        }
        if (find(job.id()).isPresent()) {
            return duplicate(job, e);
        }
        return e;
    }
}
