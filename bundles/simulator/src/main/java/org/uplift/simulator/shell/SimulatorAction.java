package org.uplift.simulator.shell;

import java.nio.file.FileSystemException;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.uplift.simulator.SimulatorFleet;

/**
 * What every {@code uplift-sim:*} command shares: the fleet is an optional reference, so
 * {@code make-firmware} works before the simulator is configured, and the others say in one line
 * how to start it; every failure reaches the operator as one line, never a stack trace.
 */
abstract class SimulatorAction implements Action {

    /** The JDK's logger: Karaf's logging picks it up, and the simulator needs no logging library. */
    private static final System.Logger LOG = System.getLogger(SimulatorAction.class.getName());

    @Reference(optional = true)
    private SimulatorFleet fleet;

    @Override
    public final Object execute() throws Exception {
        try {
            return run();
        } catch (CommandException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(oneLine(e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (FileSystemException e) {
            throw new CommandException(oneLine(e.getFile() + ": " + (e.getReason() == null
                    ? e.getClass().getSimpleName().replace("Exception", "") : e.getReason())), e);
        } catch (Exception e) {
            String name = getClass().getAnnotation(Command.class).scope() + ":"
                    + getClass().getAnnotation(Command.class).name();
            LOG.log(System.Logger.Level.WARNING, name + " stopped on an internal error", e);
            throw new CommandException(name + " stopped on an internal error; the details are in the Karaf log"
                    + " (log:display)", e);
        }
    }

    /** The command's work; any exception becomes one line for the operator. */
    protected abstract Object run() throws Exception;

    /** The running fleet; fails in one line when the simulator is not configured. */
    protected final SimulatorFleet fleet() {
        if (fleet == null) {
            throw new IllegalStateException("no simulated fleet is running: set devices and basePort in"
                    + " etc/org.uplift.simulator.cfg (feature uplift-simulator)");
        }
        return fleet;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
