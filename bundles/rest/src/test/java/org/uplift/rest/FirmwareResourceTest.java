package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uplift.rest.Http.json;
import static org.uplift.rest.Http.list;
import static org.uplift.rest.Http.refused;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FirmwareResourceTest {

    private final InMemoryRepository.Catalog catalog = new InMemoryRepository.Catalog(
            InMemoryRepository.Catalog.image("IAD-1000", "2.0.0"),
            InMemoryRepository.Catalog.image("IAD-1000", "3.0.0"));
    private final FirmwareResource resource = new FirmwareResource(catalog);

    @Test
    void givenTwoImages_whenListed_thenBothAreThereWithTheirChecksumsAndFormats() {
        List<Map<String, Object>> images = list(json(resource.list(), 200), "firmware");
        assertEquals(List.of("IAD-1000-2.0.0", "IAD-1000-3.0.0"), images.stream().map(f -> f.get("id")).toList());
        assertEquals("ab".repeat(32), images.get(0).get("sha256"));
        assertEquals("3", images.get(0).get("configFormat"));
    }

    @Test
    void givenAnImage_whenShown_thenItsReleaseNotesSurviveQuotesAndNewlines() {
        Map<String, Object> image = json(resource.show("IAD-1000-3.0.0"), 200);
        assertEquals("notes \"quoted\"\nsecond line", image.get("releaseNotes"));
        assertEquals("3.0.0", image.get("version"));
    }

    @Test
    void givenAnUnknownImage_whenShown_then404() {
        refused(404, () -> resource.show("IAD-1000-9.9.9"));
    }

    @Test
    void givenAnImage_whenRemoved_thenItIsGoneAndRemovingItAgainIs404() {
        assertEquals(Map.of("removed", "IAD-1000-2.0.0"), json(resource.remove("IAD-1000-2.0.0"), 200));
        assertEquals(List.of("IAD-1000-3.0.0"), catalog.list().stream().map(f -> f.id()).toList());
        refused(404, () -> resource.remove("IAD-1000-2.0.0"));
    }

    @Test
    void givenAnImageAJobNeeds_whenRemoved_then409WithTheCataloguesReason() {
        catalog.inUse.add("IAD-1000-3.0.0");
        assertEquals("firmware IAD-1000-3.0.0 is still needed by job j-1",
                refused(409, () -> resource.remove("IAD-1000-3.0.0")).getMessage());
    }
}
