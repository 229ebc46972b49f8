package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.BundleContext;

/**
 * Every uplift:* command, found by scanning the bundle's classes as Karaf's extender does: help that
 * says what it does with a realistic example (and prints through Karaf's own preparator), a description on
 * every option and argument, a completer wherever a device, firmware, job or campaign id is taken, the
 * services it cannot work without as mandatory references, and --no-format on every list.
 */
class CommandAnnotationsTest {

    /**
     * The references a command works without (besides the Session, which Karaf always has): a pre-check, a hint,
     * or one way of several. Every other reference is mandatory.
     */
    private static final Set<String> OPTIONAL_REFERENCES = Set.of("UpgradeCommand.catalog",
            "CampaignStartCommand.catalog", "TransferOpenCommand.catalog", "BackupsCommand.directory");

    /** Names of arguments and options that take an id a completer can offer. */
    private static final Pattern ID_NAME = Pattern.compile("device|firmware|job|campaign");

    static List<Class<?>> commands() throws IOException {
        return classesOfTheBundle().stream().filter(c -> c.isAnnotationPresent(Command.class)).toList();
    }

    static List<Class<?>> classesOfTheBundle() throws IOException {
        Path root;
        try {
            root = Path.of(UpliftAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
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
                assertTrue(a.description().length() > 5,
                        type.getSimpleName() + " argument " + a.name() + " has no description");
                assertFalse(a.name().equals(Argument.DEFAULT),
                        type.getSimpleName() + " argument " + f.getName() + " has no name");
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
    void failsInOneLineAndNeedsItsServicesAsKarafCommandsDo(Class<?> type) {
        assertTrue(UpliftAction.class.isAssignableFrom(type), type + " does not extend UpliftAction");
        for (Field f : fields(type)) {
            Reference r = f.getAnnotation(Reference.class);
            if (r == null) {
                continue;
            }
            String name = type.getSimpleName() + "." + f.getName();
            boolean optional = f.getType() == Session.class || OPTIONAL_REFERENCES.contains(name);
            assertEquals(optional, r.optional(), name + (optional ? ": the command works without it, keep it optional"
                    : ": the command is useless without it, so Karaf must register the commands only once it is there"));
        }
    }

    @Test
    void theOptionalReferencesAreRealFieldsAndNoCommandLooksAServiceUpItself() throws IOException {
        for (String name : OPTIONAL_REFERENCES) {
            String[] parts = name.split("\\.");
            Class<?> type = classesOfTheBundle().stream().filter(c -> c.getSimpleName().equals(parts[0])).findFirst()
                    .orElseThrow(() -> new AssertionError("no class " + parts[0]));
            assertTrue(fields(type).stream().anyMatch(f -> f.getName().equals(parts[1])
                    && f.isAnnotationPresent(Reference.class)), name + " is not a reference");
        }
        for (Class<?> c : classesOfTheBundle()) {
            for (Field f : fields(c)) {
                assertFalse(f.getType() == BundleContext.class, c.getSimpleName() + "." + f.getName()
                        + ": services come by @Reference, not by a lookup and a wait");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpIsPrintedAsKarafPrintsIt(Class<?> type) throws Exception {
        Command c = type.getAnnotation(Command.class);
        Action action = (Action) type.getDeclaredConstructor().newInstance();
        Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[]{Session.class},
                (proxy, method, args) -> null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        boolean runs;
        try {
            runs = new DefaultActionPreparator().prepare(action, session, List.of("--help"));
        } finally {
            System.setOut(previous);
        }
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(runs, c.name() + " ran instead of printing its help");
        String words = help.replaceAll("\\s+", " "); // Karaf wraps the description to the terminal's width
        assertTrue(help.contains("SYNTAX") && help.contains("uplift:" + c.name()) && words.contains(c.description()),
                help);
        assertEquals(TableCommand.class.isAssignableFrom(type), help.contains("--no-format"), help);
    }

    @Test
    void everyListCommandTakesNoFormat() throws IOException {
        List<String> tables = commands().stream().filter(TableCommand.class::isAssignableFrom)
                .map(c -> c.getAnnotation(Command.class).name()).sorted().toList();
        assertEquals(List.of("backups", "campaign-list", "device-list", "firmware-list", "jobs", "migrations"), tables);
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
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }
}
