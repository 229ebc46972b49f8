package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpType;

class FaultTest {

    @Test
    void everyKindParsesWithItsArgumentNormalised() {
        assertEquals(FailCause.NO_MEMORY, Fault.parse("download-fail:NOMEMORY").failCause());
        assertEquals(Fault.DOWNLOAD_FAIL, Fault.parse("download-fail"));
        assertEquals(1, Fault.parse("restore-fail").count());
        assertEquals(3, Fault.parse("restore-fail:3").count());
        assertEquals(OpType.RESTORE_CONFIG, Fault.parse("silent-during:Restore").operation());
        for (String id : new String[]{"backup-fail", "backup-hang", "corrupt-image", "load-fail", "no-return",
                "reject-config", "silent"}) {
            assertEquals(id, Fault.parse(id).id());
        }
    }

    @Test
    void badArgumentsAreRefusedSayingWhatIsExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("download-fail:explode"))
                .getMessage().contains("badFileName"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("restore-fail:0"))
                .getMessage().contains("positive count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("silent-during"))
                .getMessage().contains("backup, restore, download or rollback"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("flash-silence:-1"))
                .getMessage().contains("flash-silence needs a positive number of seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("uptime-wrap:soon"))
                .getMessage().contains("uptime-wrap needs a positive number of seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("load-fail:2"))
                .getMessage().contains("takes no argument"));
    }

    @Test
    void slowRowTakesMillisecondsAndTheNewSoftwaresLineTakesNone() {
        assertEquals(1500, Fault.parse("slow-row").count());
        assertEquals(250, Fault.parse("slow-row:250").count());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("slow-row:0"))
                .getMessage().contains("slow-row needs milliseconds"));
        assertEquals("boot-adds-line", Fault.parse("boot-adds-line").id());
    }

    @Test
    void restoreFailCountsDownThenDisappears() {
        DeviceFaults faults = new DeviceFaults(List.of(Fault.parse("restore-fail:2")));
        assertTrue(faults.takeRestoreFailure());
        assertTrue(faults.takeRestoreFailure());
        assertEquals(false, faults.takeRestoreFailure());
        assertTrue(faults.list().isEmpty());
    }
}
