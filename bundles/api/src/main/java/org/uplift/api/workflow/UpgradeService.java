package org.uplift.api.workflow;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts and inspects upgrade jobs. Every state change is also posted on Event Admin under
 * {@value #TOPIC_JOB_STATE} with the properties {@code job.id}, {@code device.id},
 * {@code state} and {@code message}.
 *
 * @since 0.1
 */
@ProviderType
public interface UpgradeService {

    /** Event Admin topic of job state changes. */
    String TOPIC_JOB_STATE = "org/uplift/job/STATE";

    /**
     * Starts upgrading a device to a firmware version of its model.
     *
     * @throws UpgradeException if the device or the image is unknown, the device cannot be read, or
     *                          it already has a job running
     */
    Job start(String deviceId, String firmwareVersion) throws UpgradeException;

    /** The job with this id. */
    Optional<Job> job(String id);

    /** All jobs, newest first. */
    List<Job> jobs();
}
