package org.uplift.simulator.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.uplift.simulator.DeviceStatus;
import org.uplift.simulator.SimulatorFleet;

/** Completes one number of each simulated device; offers nothing while no fleet runs. */
abstract class FleetCompleter implements Completer {

    @Reference(optional = true)
    private SimulatorFleet fleet;

    /** The number this completer offers for {@code device}. */
    protected abstract int number(DeviceStatus device);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        if (fleet != null) {
            fleet.devices().forEach(d -> delegate.getStrings().add(Integer.toString(number(d))));
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
