package org.uplift.simulator.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.uplift.simulator.FaultKind;

/** Completes the kinds of fault a simulated device can be given. */
@Service
public class FaultKindCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        for (FaultKind kind : FaultKind.values()) {
            delegate.getStrings().add(kind.id());
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
