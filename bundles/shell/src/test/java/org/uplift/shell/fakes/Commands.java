package org.uplift.shell.fakes;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** Builds commands as Karaf's shell does (reflection into annotated fields) and captures what they print. */
public final class Commands {

    private Commands() {
    }

    /** A command with each service put into the @Reference field of its type; other references stay null. */
    public static <T extends Action> T command(Class<T> type, Object... services) {
        try {
            T command = type.getDeclaredConstructor().newInstance();
            for (Object service : services) {
                boolean placed = false;
                for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (f.isAnnotationPresent(Reference.class) && f.getType().isInstance(service)) {
                            f.setAccessible(true);
                            f.set(command, service);
                            placed = true;
                        }
                    }
                }
                if (!placed) {
                    throw new IllegalArgumentException(type.getSimpleName() + " has no reference for " + service);
                }
            }
            return command;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a field (an option, an argument, the pacer) as Karaf's parser would. */
    public static <T> T set(T command, String field, Object value) {
        for (Class<?> c = command.getClass(); c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(command, value);
                return command;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException(command.getClass().getSimpleName() + " has no field " + field);
    }

    /** What a command printed, and what it threw (null if nothing). */
    public record Run(String out, Exception failure) {
    }

    /** Runs {@code execute()} with System.out captured. */
    public static Run run(Action command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Exception failure = null;
        try {
            command.execute();
        } catch (Exception e) {
            failure = e;
        } finally {
            System.setOut(previous);
        }
        return new Run(bytes.toString(StandardCharsets.UTF_8), failure);
    }
}
