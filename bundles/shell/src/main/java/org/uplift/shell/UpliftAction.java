package org.uplift.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * What every {@code uplift:*} command shares. Its service references are optional, so the commands
 * exist even while a service is missing: the command then waits a few seconds for it (it may be
 * starting) and otherwise says in one line which service is missing. Any failure reaches the operator
 * as one line ({@link Failures}), never as a stack trace.
 */
public abstract class UpliftAction implements Action {

    /** How long a command waits for a service that is not there (yet). */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(10);

    private static final long SERVICE_POLL_MILLIS = 200;

    @Reference(optional = true)
    private BundleContext bundleContext;

    private final List<ServiceReference<?>> borrowed = new ArrayList<>();

    @Override
    public final Object execute() throws Exception {
        try {
            return run();
        } catch (Exception e) {
            throw Failures.of(commandName(), e);
        } finally {
            returnServices();
        }
    }

    /** The command's work; any exception becomes one line for the operator. */
    protected abstract Object run() throws Exception;

    /**
     * The service the shell injected or, if it was missing, the one registered within
     * {@link #SERVICE_WAIT}; fails in one line naming it.
     */
    protected final <T> T service(T injected, Class<T> type) throws CommandException {
        if (injected != null) {
            return injected;
        }
        if (bundleContext != null) {
            long deadline = System.nanoTime() + SERVICE_WAIT.toNanos();
            try {
                while (true) {
                    T found = lookUp(type);
                    if (found != null) {
                        return found;
                    }
                    if (System.nanoTime() > deadline) {
                        break;
                    }
                    Thread.sleep(SERVICE_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Failures.of("interrupted while waiting for the " + type.getSimpleName());
            } catch (IllegalStateException e) {
                // the shell bundle is stopping: report the service as missing
            }
        }
        throw Failures.of(commandName() + " cannot run: the " + type.getSimpleName() + " service is not available"
                + " (is feature uplift installed and started? see feature:list -i and scr:list)");
    }

    private <T> T lookUp(Class<T> type) {
        ServiceReference<T> ref = bundleContext.getServiceReference(type);
        if (ref == null) {
            return null;
        }
        T service = bundleContext.getService(ref);
        if (service != null) {
            borrowed.add(ref);
        }
        return service;
    }

    private void returnServices() {
        for (ServiceReference<?> ref : borrowed) {
            try {
                bundleContext.ungetService(ref);
            } catch (IllegalStateException e) {
                // the shell bundle stopped meanwhile: nothing left to return
            }
        }
        borrowed.clear();
    }

    /** "uplift:upgrade", for messages. */
    protected final String commandName() {
        Command command = getClass().getAnnotation(Command.class);
        return command == null ? getClass().getSimpleName() : command.scope() + ":" + command.name();
    }
}
