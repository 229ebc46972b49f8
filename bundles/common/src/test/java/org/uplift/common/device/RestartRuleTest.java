package org.uplift.common.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rule on sysUpTime and snmpEngineBoots that RebootWatch and the DOCSIS driver both apply. */
class RestartRuleTest {

    private static final long WRAP = 1L << 32;
    private static final long UNKNOWN = -1;

    @Test
    void givenUpTimeLateByLessThanASecond_thenNoRestart() {
        assertFalse(RestartRule.restarted(360_000, UNKNOWN, 360_150, UNKNOWN, 2_000));
    }

    @Test
    void givenUpTimeShorterThanTheTimeSince_thenARestart() {
        assertTrue(RestartRule.restarted(360_000, UNKNOWN, 500, UNKNOWN, 40_000));
    }

    @Test
    void givenUpTimeThatWentBackButIsLongerThanTheTimeSince_thenNoRestart() {
        // a counter reset that could not have been a boot within the interval
        assertFalse(RestartRule.restarted(360_000, UNKNOWN, 30_000, UNKNOWN, 40_000));
    }

    @Test
    void givenUpTimeThatWrapped_thenNoRestart_butAResetJustBeforeTheWrapIsOne() {
        assertFalse(RestartRule.restarted(WRAP - 300, UNKNOWN, 700, UNKNOWN, 10_000));
        assertTrue(RestartRule.restarted(WRAP - 300, UNKNOWN, 50, UNKNOWN, 10_000));
    }

    @Test
    void givenEngineBootsThatRose_thenARestart_unlessTheEarlierCountWasUnknown() {
        assertTrue(RestartRule.restarted(500_000, 7, 501_000, 8, 10_000));
        assertFalse(RestartRule.restarted(500_000, UNKNOWN, 501_000, 8, 10_000));
    }
}
