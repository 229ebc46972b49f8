package org.uplift.api.workflow;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Upgrades many devices in waves: a first small wave, then larger ones, each started only when the one
 * before has ended, at most {@link CampaignRequest#concurrency()} jobs at once, pausing when a wave's
 * failures pass the error threshold. Campaigns are kept in the job store and go on after a restart.
 * State changes are posted on Event Admin under {@value #TOPIC_CAMPAIGN_STATE} with the properties
 * {@code campaign.id}, {@code state}, {@code wave}, {@code message} and {@code timestamp}.
 *
 * @since 0.1
 */
@ProviderType
public interface CampaignService {

    /** Event Admin topic of campaign state changes (and of moves to the next wave). */
    String TOPIC_CAMPAIGN_STATE = "org/uplift/campaign/STATE";

    /**
     * Resolves the selection to a device list, splits it into waves, stores the campaign and starts it.
     *
     * @throws UpgradeException if the selection names unknown devices, matches no device, or the
     *                          campaign cannot be stored
     */
    Campaign start(CampaignRequest request) throws UpgradeException;

    /** The campaign with this id. */
    Optional<Campaign> campaign(String id);

    /** All campaigns, newest first. */
    List<Campaign> campaigns();

    /**
     * Stops starting new jobs; jobs already running go on to their end.
     *
     * @throws UpgradeException if there is no such campaign or it is not running
     */
    Campaign pause(String id) throws UpgradeException;

    /**
     * Starts new jobs again. A wave that paused the campaign by passing the error threshold is not
     * checked against it again: the campaign finishes that wave and goes on to the next.
     *
     * @throws UpgradeException if there is no such campaign or it is not paused
     */
    Campaign resume(String id) throws UpgradeException;

    /**
     * Ends the campaign: no new job is started; jobs already running go on to their end (abort them
     * one by one if they must stop).
     *
     * @throws UpgradeException if there is no such campaign or it has already ended
     */
    Campaign cancel(String id) throws UpgradeException;
}
