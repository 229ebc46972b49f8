package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;

/**
 * What every {@code uplift:*} command shares. A command's services are mandatory Karaf references
 * wherever it is useless without them: Karaf registers the bundle's commands once those services are
 * there and withdraws them while one is missing (its log says which), so a command never runs without
 * its service. Any failure reaches the operator as one line ({@link Failures}), never as a stack trace.
 */
public abstract class UpliftAction implements Action {

    @Override
    public final Object execute() throws Exception {
        try {
            return run();
        } catch (Exception e) {
            throw Failures.of(commandName(), e);
        }
    }

    /** The command's work; any exception becomes one line for the operator. */
    protected abstract Object run() throws Exception;

    /** "uplift:upgrade", for messages. */
    protected final String commandName() {
        Command command = getClass().getAnnotation(Command.class);
        return command == null ? getClass().getSimpleName() : command.scope() + ":" + command.name();
    }
}
