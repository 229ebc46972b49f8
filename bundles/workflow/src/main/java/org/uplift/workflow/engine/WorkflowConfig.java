package org.uplift.workflow.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Uplift workflow", description = "Time-outs and limits of upgrade jobs")
public @interface WorkflowConfig {

    @AttributeDefinition(name = "Backup time-out (s)", description = "How long the device may take to upload its configuration")
    int backupTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Update time-out (s)", description = "How long the device may take to download and load new software")
    int updateTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Reboot time-out (s)", description = "How long the device may stay silent after loading new software before the update counts as failed")
    int rebootTimeoutSeconds() default 300;

    @AttributeDefinition(name = "Settle time after a restart (ms)", description = "How long a restarted device must answer every poll before the next command is sent; a device that restarts again meanwhile is waited out")
    int rebootSettleMillis() default 10_000;

    @AttributeDefinition(name = "Silent polls worth noting", description = "Unanswered polls in a row after which a silence is written to the history; silence alone never counts as a restart (sysUpTime and snmpEngineBoots decide)")
    int rebootSilentPolls() default 3;

    @AttributeDefinition(name = "Restore time-out (s)", description = "How long the device may take to fetch and load its configuration")
    int restoreTimeoutSeconds() default 120;

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often an operation's state is read from the device")
    int pollIntervalMillis() default 500;

    @AttributeDefinition(name = "Concurrent jobs", description = "Jobs that run at the same time; more wait their turn")
    int maxConcurrentJobs() default 16;

    @AttributeDefinition(name = "Largest configuration (bytes)", description = "Upload cap for a configuration backup")
    long maxConfigBytes() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "Node id", description = "This node's name in the shared job store; empty means the karaf.name system property. Must be stable across restarts and unique among nodes")
    String nodeId() default "";

    @AttributeDefinition(name = "Lease (s)", description = "How long a node holds a job without renewing it; a dead node's jobs go to another after this")
    int leaseSeconds() default 30;

    @AttributeDefinition(name = "Staging directory", description = "Where migrated configurations wait to be served; empty means ${karaf.data}/uplift/work")
    String workDirectory() default "";
}
