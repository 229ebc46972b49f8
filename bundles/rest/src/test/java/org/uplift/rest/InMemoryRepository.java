package org.uplift.rest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;

/**
 * Test doubles of the repository services and an inventory, kept in maps: what the resources read. The real
 * file-based stores are proven by the repository bundle's tests and RestIT.
 */
final class InMemoryRepository {

    private InMemoryRepository() {
    }

    static final class Inventory implements DeviceInventory {
        final Map<String, Device> devices = new LinkedHashMap<>();

        Inventory(Device... devices) {
            for (Device d : devices) {
                this.devices.put(d.id(), d);
            }
        }

        @Override
        public List<Device> devices() {
            return List.copyOf(devices.values());
        }

        @Override
        public Optional<Device> device(String id) {
            return Optional.ofNullable(devices.get(id));
        }
    }

    static final class Catalog implements FirmwareCatalog {
        final Map<String, FirmwareImage> images = new LinkedHashMap<>();

        Catalog(FirmwareImage... images) {
            for (FirmwareImage f : images) {
                this.images.put(f.id(), f);
            }
        }

        static FirmwareImage image(String model, String version) {
            return new FirmwareImage(FirmwareImage.idOf(model, version), model, version, 1024, "ab".repeat(32),
                    Instant.EPOCH, "notes \"quoted\"\nsecond line", "3");
        }

        @Override
        public FirmwareImage add(Path source, String model, String version, String releaseNotes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FirmwareImage add(Path source, String model, String version, String configFormat, String releaseNotes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FirmwareImage> list() {
            return List.copyOf(images.values());
        }

        @Override
        public Optional<FirmwareImage> get(String id) {
            return Optional.ofNullable(images.get(id));
        }

        @Override
        public Optional<FirmwareImage> find(String model, String version) {
            return get(FirmwareImage.idOf(model, version));
        }

        @Override
        public Path verifiedFile(String id) {
            throw new UnsupportedOperationException();
        }

        /** Ids a job still needs: removing one is refused, as the real catalogue does. */
        final Set<String> inUse = new HashSet<>();

        @Override
        public boolean remove(String id) throws RepositoryException {
            if (inUse.contains(id)) {
                throw new RepositoryException("firmware " + id + " is still needed by job j-1");
            }
            return images.remove(id) != null;
        }
    }

    static final class Backups implements BackupStore {
        final Map<String, List<ConfigBackup>> records = new LinkedHashMap<>();
        final Map<String, byte[]> contents = new LinkedHashMap<>();
        String corrupt;

        @Override
        public ConfigBackup store(String deviceId, byte[] content, String firmwareVersion, String formatVersion) {
            List<ConfigBackup> history = records.computeIfAbsent(deviceId, k -> new ArrayList<>());
            ConfigBackup b = new ConfigBackup(deviceId, history.size() + 1, Instant.EPOCH, content.length,
                    HexFormat.of().formatHex(content).substring(0, Math.min(64, content.length * 2)), firmwareVersion,
                    formatVersion);
            history.add(b);
            contents.put(deviceId + "/" + b.version(), content);
            return b;
        }

        @Override
        public List<ConfigBackup> history(String deviceId) {
            return List.copyOf(records.getOrDefault(deviceId, List.of()));
        }

        @Override
        public Optional<ConfigBackup> latest(String deviceId) {
            List<ConfigBackup> h = history(deviceId);
            return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
        }

        @Override
        public byte[] read(String deviceId, int version) throws RepositoryException {
            if ((deviceId + "/" + version).equals(corrupt)) {
                throw new RepositoryException(
                        "backup " + version + " of " + deviceId + " no longer matches its SHA-256");
            }
            byte[] content = contents.get(deviceId + "/" + version);
            if (content == null) {
                throw new RepositoryException("no backup " + version + " of " + deviceId);
            }
            return content;
        }

        /** Line-by-line: removed lines of {@code from}, added lines of {@code to}. */
        @Override
        public BackupDiff diff(String deviceId, int from, int to) throws RepositoryException {
            List<String> a = List.of(new String(read(deviceId, from), StandardCharsets.UTF_8).split("\n"));
            List<String> b = List.of(new String(read(deviceId, to), StandardCharsets.UTF_8).split("\n"));
            List<String> lines = new ArrayList<>();
            a.stream().filter(l -> !b.contains(l)).forEach(l -> lines.add("-" + l));
            b.stream().filter(l -> !a.contains(l)).forEach(l -> lines.add("+" + l));
            return new BackupDiff(history(deviceId).get(from - 1), history(deviceId).get(to - 1), lines, 0);
        }
    }
}
