package org.uplift.simulator.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.uplift.simulator.SimulatorFleet;

/** Completes the numbers of the simulated devices. */
@Service
public class SimulatedDeviceCompleter implements Completer {

    @Reference(optional = true)
    private SimulatorFleet fleet;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (fleet != null) {
            fleet.devices().forEach(d -> delegate.getStrings().add(Integer.toString(d.index())));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
