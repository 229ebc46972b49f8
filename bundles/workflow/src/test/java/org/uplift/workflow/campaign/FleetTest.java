package org.uplift.workflow.campaign;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.workflow.engine.FleetFixture;

/** What every campaign test on a simulated fleet shares: a folder of its own, and the engines closed after it. */
abstract class FleetTest {

    @TempDir
    Path dir;

    FleetFixture fleet;
    CampaignEngine campaigns;

    /** The fleet is closed even when the campaign engine fails to stop, so no test leaves simulators behind. */
    @AfterEach
    void closeFleet() throws Exception {
        try {
            if (campaigns != null) {
                campaigns.deactivate();
            }
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }
}
