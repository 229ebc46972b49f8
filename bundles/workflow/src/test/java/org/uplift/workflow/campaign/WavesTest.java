package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.WaveSize;

class WavesTest {

    @Test
    void givenCountsAndShares_whenParsed_thenEachSizeKeepsItsKindAndPrintsBack() {
        List<WaveSize> sizes = CampaignRequest.parseWaves(" 1, 10% ,100%");
        assertEquals(List.of(new WaveSize(1, false), new WaveSize(10, true), new WaveSize(100, true)), sizes);
        assertEquals("1,10%,100%", WaveSize.format(sizes));
    }

    @Test
    void givenNonsense_whenParsed_thenTheMessageShowsTheBadSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WaveSize.parseAll("1,ten%"));
        assertTrue(e.getMessage().contains("'ten%'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WaveSize.parseAll("0"));
        assertThrows(IllegalArgumentException.class, () -> WaveSize.parseAll("150%"));
        assertThrows(IllegalArgumentException.class, () -> WaveSize.parseAll(" "));
    }

    @Test
    void givenOneThenTenPercentThenAll_whenAHundredDevices_thenWavesOf1And9And90() {
        assertEquals(List.of(1, 9, 90), WavePlan.sizes(100, WaveSize.parseAll("1,10%,100%")));
    }

    @Test
    void givenASizeThatAddsNoDevice_whenPlanned_thenItMakesNoWave() {
        assertEquals(List.of(1, 3), WavePlan.sizes(4, WaveSize.parseAll("1,10%,100%")));
        assertEquals(List.of(1), WavePlan.sizes(1, WaveSize.parseAll("1,10%,100%")));
    }

    @Test
    void givenSizesShortOfAll_whenPlanned_thenTheRestIsOneLastWave() {
        assertEquals(List.of(2, 3), WavePlan.sizes(5, WaveSize.parseAll("2")));
        assertEquals(List.of(3, 7), WavePlan.sizes(10, WaveSize.parseAll("25%")), "shares round up");
    }

    @Test
    void givenDevices_whenSlotted_thenTheyKeepTheirOrderAcrossWaves() {
        List<Slot> slots = WavePlan.slots(List.of("a", "b", "c"), WaveSize.parseAll("1,100%"));
        assertEquals(List.of(0, 1, 1), slots.stream().map(Slot::wave).toList());
        assertEquals(List.of("a", "b", "c"), slots.stream().map(Slot::deviceId).toList());
    }

    @Test
    void versionsCompareNumericPartsByValue() {
        assertTrue(Versions.compare("1.9.0", "1.10.0") < 0);
        assertTrue(Versions.compare("2.0", "2.0.1") < 0);
        assertEquals(0, Versions.compare("2.0.0", "2.0.0"));
        assertTrue(Versions.compare("2.0.0", "1.0.0") > 0);
    }
}
