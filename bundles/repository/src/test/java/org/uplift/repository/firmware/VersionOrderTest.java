package org.uplift.repository.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void givenVersions_whenSorted_thenNumbersCompareAsNumbers() {
        List<String> versions = new ArrayList<>(List.of("2.0", "1.10", "1.9", "1.9a", "1.09.1", "10.0", "1.9.0"));
        versions.sort(VersionOrder.INSTANCE);
        assertEquals(List.of("1.9", "1.9.0", "1.09.1", "1.9a", "1.10", "2.0", "10.0"), versions);
    }
}
