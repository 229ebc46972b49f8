package org.uplift.shell.completers;

import java.util.List;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes the word under the cursor from a list of ids. The services behind the ids are optional
 * references: while one is missing there is simply nothing to complete.
 */
abstract class IdCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        ids().distinct().forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }

    /** The ids to offer; empty while the service that knows them is missing. */
    protected abstract Stream<String> ids();
}
