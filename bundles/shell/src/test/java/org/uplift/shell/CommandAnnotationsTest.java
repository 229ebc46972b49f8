package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every uplift:* command, found by scanning the bundle's classes as Karaf's extender does: help that
 * says what it does with a realistic example, a description on every option and argument, and a
 * completer wherever a device, firmware, job or campaign id is taken.
 */
class CommandAnnotationsTest {

    /** Names of arguments and options that take an id a completer can offer. */
    private static final Pattern ID_NAME = Pattern.compile("device|firmware|job|campaign");

    static List<Class<?>> commands() throws IOException {
        return classesOfTheBundle().stream().filter(c -> c.isAnnotationPresent(Command.class)).toList();
    }

    static List<Class<?>> classesOfTheBundle() throws IOException {
        Path root;
        try {
            root = Path.of(UpliftAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/uplift/shell"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replace(".class", "");
                try {
                    classes.add(Class.forName(name));
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
            }
        }
        return classes;
    }

    @Test
    void theScanFindsEveryCommandOfTheBundle() throws IOException {
        List<String> names = commands().stream().map(c -> c.getAnnotation(Command.class).name()).sorted().toList();
        assertTrue(names.size() >= 23, "found only " + names);
        assertTrue(names.containsAll(List.of("upgrade", "job", "jobs", "campaign-show", "device-add", "firmware-add",
                "backup-diff", "transfer-open", "config-migrate", "migrations")), names.toString());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void describesWhatItDoesInOneLine(Class<?> type) {
        Command c = type.getAnnotation(Command.class);
        assertEquals("uplift", c.scope());
        assertTrue(type.isAnnotationPresent(Service.class), type + " is not a Karaf @Service: the extender skips it");
        assertTrue(c.description().length() > 20 && !c.description().contains("\n") && c.description().endsWith("."),
                "description of " + c.name() + ": '" + c.description() + "'");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void detailsHaveAnExampleOfThisVeryCommand(Class<?> type) {
        Command c = type.getAnnotation(Command.class);
        String details = c.detailedDescription();
        assertFalse(details.contains("\\n"), c.name() + ": an escaped \\n would print as is");
        List<String> lines = details.lines().toList();
        int example = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Example:") || lines.get(i).startsWith("Examples:")) {
                example = i;
            }
        }
        assertTrue(example >= 0, c.name() + " has no line starting with Example: or Examples:\n" + details);
        String invocation = "uplift:" + c.name();
        List<String> examples = lines.subList(example, lines.size());
        assertTrue(examples.stream().anyMatch(l -> l.contains(invocation + " ") || l.endsWith(invocation)),
                c.name() + ": the example does not run " + invocation + ":\n" + examples);
        assertTrue(lines.size() >= 2, c.name() + ": details have more than the example (what to know, defaults)");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyOptionAndArgumentIsDescribed(Class<?> type) {
        for (Field f : fields(type)) {
            Option o = f.getAnnotation(Option.class);
            Argument a = f.getAnnotation(Argument.class);
            if (o != null) {
                assertTrue(o.description().length() > 5, type.getSimpleName() + " " + o.name() + " has no description");
            }
            if (a != null) {
                assertTrue(a.description().length() > 5, type.getSimpleName() + " argument " + a.name() + " has no description");
                assertFalse(a.name().equals(Argument.DEFAULT), type.getSimpleName() + " argument " + f.getName() + " has no name");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyIdTakingArgumentOrOptionHasACompleter(Class<?> type) {
        for (Field f : fields(type)) {
            String name = f.isAnnotationPresent(Option.class) ? f.getAnnotation(Option.class).name()
                    : f.isAnnotationPresent(Argument.class) ? f.getAnnotation(Argument.class).name() : null;
            if (name == null || !ID_NAME.matcher(name.toLowerCase(Locale.ROOT)).find()) {
                continue;
            }
            Completion completion = f.getAnnotation(Completion.class);
            assertNotNull(completion, type.getSimpleName() + " " + name + " takes an id but has no completer");
            Class<?> completer = completion.value();
            assertTrue(Completer.class.isAssignableFrom(completer) && completer.isAnnotationPresent(Service.class)
                    && completer.getPackageName().equals("org.uplift.shell.completers"),
                    type.getSimpleName() + " " + name + ": " + completer + " is not one of Uplift's completers");
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void failsInOneLineAndWaitsForAMissingServiceInsteadOfDisappearing(Class<?> type) {
        assertTrue(UpliftAction.class.isAssignableFrom(type), type + " does not extend UpliftAction");
        for (Field f : fields(type)) {
            Reference r = f.getAnnotation(Reference.class);
            if (r != null) {
                assertTrue(r.optional(), type.getSimpleName() + "." + f.getName()
                        + ": a mandatory reference hides every uplift command while its service is missing");
            }
        }
    }

    @Test
    void completersNeverHideTheCommandsEither() throws IOException {
        for (Class<?> c : classesOfTheBundle()) {
            if (!Completer.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
                continue;
            }
            for (Field f : fields(c)) {
                Reference r = f.getAnnotation(Reference.class);
                if (r != null && f.getType() != List.class && !r.optional()) {
                    fail(c.getSimpleName() + "." + f.getName() + " is a mandatory reference");
                }
            }
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }
}
