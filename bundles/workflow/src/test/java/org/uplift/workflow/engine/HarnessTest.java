package org.uplift.workflow.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    /** One IAD with the given faults, image 2.0.0 (configuration format 1) in the catalogue, the engine started. */
    EngineHarness oneIad(String... faults) throws Exception {
        return oneIad(Map.of(), faults);
    }

    /** As {@link #oneIad(String...)}, with these workflow settings. */
    EngineHarness oneIad(Map<String, Object> workflow, String... faults) throws Exception {
        h = new EngineHarness(dir, 1, List.of(faults));
        workflow.forEach(h::with);
        h.addFirmware("2.0.0", "1");
        h.startEngine();
        return h;
    }
}
