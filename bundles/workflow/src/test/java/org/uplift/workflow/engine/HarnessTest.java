package org.uplift.workflow.engine;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What every test of the engine on a real harness shares: a folder of its own, and the harness closed after it. */
abstract class HarnessTest {

    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    EngineHarness h;

    @AfterEach
    void closeHarness() throws Exception {
        if (h != null) {
            h.close();
        }
    }
}
