package org.uplift.shell.completers;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.uplift.api.directory.DeviceDirectory;

/**
 * Completes the last id of a comma-separated device list ("iad-1,iad-2,ia"), leaving out ids already
 * listed. A candidate does not end the word, so another ",id" can follow.
 */
@Service
public class DeviceListCompleter implements Completer {

    @Reference(optional = true)
    private DeviceDirectory directory;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String word = commandLine.getCursorArgument() == null ? ""
                : commandLine.getCursorArgument().substring(0, commandLine.getArgumentPosition());
        String listed = word.substring(0, word.lastIndexOf(',') + 1);
        Set<String> chosen = Arrays.stream(listed.split(",")).collect(Collectors.toSet());
        DeviceIdCompleter.deviceIds(directory).filter(id -> !chosen.contains(id))
                .map(id -> listed + id).filter(candidate -> candidate.startsWith(word)).forEach(candidates::add);
        return candidates.isEmpty() ? -1 : commandLine.getBufferPosition() - commandLine.getArgumentPosition();
    }
}
