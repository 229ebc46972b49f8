package org.uplift.shell.fakes;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;

/** An in-memory catalogue: images are records only, no files. */
public final class FakeCatalog implements FirmwareCatalog {

    private final List<FirmwareImage> images = new ArrayList<>();

    public FakeCatalog with(String model, String version) {
        images.add(new FirmwareImage(FirmwareImage.idOf(model, version), model, version, 8 << 20, "ab".repeat(32),
                Instant.parse("2024-05-01T09:00:00Z"), "", "1"));
        return this;
    }

    @Override
    public FirmwareImage add(Path source, String model, String version, String releaseNotes)
            throws RepositoryException {
        return add(source, model, version, "", releaseNotes);
    }

    @Override
    public FirmwareImage add(Path source, String model, String version, String configFormat, String releaseNotes) {
        with(model, version);
        return images.get(images.size() - 1);
    }

    @Override
    public List<FirmwareImage> list() {
        return List.copyOf(images);
    }

    @Override
    public Optional<FirmwareImage> get(String id) {
        return images.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    @Override
    public Optional<FirmwareImage> find(String model, String version) {
        return images.stream().filter(i -> i.model().equals(model) && i.version().equals(version)).findFirst();
    }

    @Override
    public Path verifiedFile(String id) throws RepositoryException {
        throw new RepositoryException("no file for " + id + " in this test catalogue");
    }

    @Override
    public boolean remove(String id) {
        return images.removeIf(i -> i.id().equals(id));
    }
}
