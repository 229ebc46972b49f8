package org.uplift.shell.fakes;

import java.util.List;
import java.util.Optional;

import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;

/** A backup store that lists the backups it is given, for every device; nothing is stored or read. */
public final class FakeBackups implements BackupStore {

    private final List<ConfigBackup> history;

    public FakeBackups(ConfigBackup... history) {
        this.history = List.of(history);
    }

    @Override
    public ConfigBackup store(String deviceId, byte[] configuration, String firmwareVersion, String formatVersion) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public List<ConfigBackup> history(String deviceId) {
        return history;
    }

    @Override
    public Optional<ConfigBackup> latest(String deviceId) {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    @Override
    public byte[] read(String deviceId, int version) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
