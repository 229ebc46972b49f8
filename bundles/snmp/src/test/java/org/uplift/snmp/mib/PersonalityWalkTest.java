package org.uplift.snmp.mib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uplift.repository.testing.ExternalTools;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.iad.Mibs;
import org.uplift.snmp.testing.NetSnmpTools;

/**
 * Every simulator personality serves only what real MIB modules define, as Net-SNMP sees it with
 * the real modules loaded ({@link Mibs#dir()} plus UPLIFT-IAD-MIB): each instance is an accessible
 * OBJECT-TYPE of a loaded module (not a bare node with extra arcs) followed by exactly one index
 * arc (every table served has one integer index: extend this if that changes), no value has the
 * wrong type, every enumeration's value is a named number, every INTEGER is in its single range. A
 * device that does not speak UPLIFT-IAD-MIB serves nothing under Uplift's enterprise number.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersonalityWalkTest {

    private static final String UPLIFT_ENTERPRISE = ".1.3.6.1.4.1.32473";
    /** "MODULE::label.index = value"; a line not starting so continues the previous value (sysDescr's lines). */
    private static final Pattern VARBIND = Pattern.compile("^([A-Za-z][\\w-]*::[A-Za-z][\\w-]*)((?:\\.\\S+)?) = (.*)$");
    private static final Pattern ENUMERATED = Pattern.compile("^INTEGER: [A-Za-z][\\w-]*\\((-?\\d+)\\)$");
    private static final Pattern NUMBER = Pattern.compile("^(?:INTEGER|Gauge32|Unsigned32): (-?\\d+)$");
    private static final Pattern SINGLE_RANGE = Pattern
            .compile("^\\s*SYNTAX\\s+(?:INTEGER|Integer32|Unsigned32|Gauge32) \\((-?\\d+)\\.\\.(-?\\d+)\\)\\s*$");
    private static final Pattern NAMED_NUMBER = Pattern.compile("\\((-?\\d+)\\)");

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Personality.class)
    void everyServedObjectIsDefinedByALoadedModuleWithAValueInItsSyntax(Personality personality) throws Exception {
        String snmpwalk = ExternalTools.require("snmpwalk", "snmp");
        String snmptranslate = ExternalTools.require("snmptranslate", "snmp");
        String mibPath = "+" + Mibs.dir() + File.pathSeparator + upliftMibs();
        try (SimulatedDevice device = new SimulatedDevice(DeviceSettings.defaults(71, 0)
                .withPersonalities(EnumSet.of(personality)))) {
            String agent = "127.0.0.1:" + device.port();
            if (personality == Personality.CISCO_CONFIG_COPY) {
                // a finished (failed: rcp is not spoken) copy, so the walk meets every ccCopyEntry column
                run(ExternalTools.require("snmpset", "snmp"), "-v2c", "-c", "private", "-t", "2", "-r", "1",
                        "-M", mibPath, "-m", "ALL", agent,
                        "CISCO-CONFIG-COPY-MIB::ccCopyProtocol.7", "i", "rcp",
                        "CISCO-CONFIG-COPY-MIB::ccCopySourceFileType.7", "i", "runningConfig",
                        "CISCO-CONFIG-COPY-MIB::ccCopyDestFileType.7", "i", "networkFile",
                        "CISCO-CONFIG-COPY-MIB::ccCopyServerAddressType.7", "i", "ipv4",
                        "CISCO-CONFIG-COPY-MIB::ccCopyServerAddressRev1.7", "x", "7F000001",
                        "CISCO-CONFIG-COPY-MIB::ccCopyFileName.7", "s", "walk.cfg",
                        "CISCO-CONFIG-COPY-MIB::ccCopyUserName.7", "s", "walker",
                        "CISCO-CONFIG-COPY-MIB::ccCopyUserPassword.7", "s", "secret",
                        "CISCO-CONFIG-COPY-MIB::ccCopyEntryRowStatus.7", "i", "createAndGo");
            }
            Map<String, List<String>> instances = parse(run(snmpwalk, "-v2c", "-c", "public", "-t", "2", "-r", "1",
                    "-M", mibPath, "-m", "ALL", "-OS", "-Ob", agent, ".1"));
            assertTrue(instances.size() > 10, "the walk found objects: " + instances.keySet());
            if (personality == Personality.CISCO_CONFIG_COPY) {
                assertEquals(List.of("INTEGER: failed(4)"), instances.get("CISCO-CONFIG-COPY-MIB::ccCopyState.7"));
                assertEquals(List.of("INTEGER: unsupportedProtocol(6)"),
                        instances.get("CISCO-CONFIG-COPY-MIB::ccCopyFailCause.7"));
                assertEquals(List.of("STRING: "), instances.get("CISCO-CONFIG-COPY-MIB::ccCopyUserPassword.7"),
                        "the password reads back empty");
            }
            Map<String, String> definitions = definitions(snmptranslate, mibPath, instances);

            List<String> problems = new ArrayList<>();
            instances.forEach((instance, value) -> check(instance, value, definitions, problems));
            assertEquals(List.of(), problems, personality.id() + " serves objects or values no loaded module allows");

            if (personality != Personality.UPLIFT_IAD) {
                String uplift = run(snmpwalk, "-v2c", "-c", "public", "-t", "2", "-r", "1", "-On", agent,
                        UPLIFT_ENTERPRISE);
                assertTrue(uplift.lines().noneMatch(line -> line.startsWith(UPLIFT_ENTERPRISE + ".")),
                        personality.id() + " serves UPLIFT-IAD-MIB objects, which no such device has:\n" + uplift);
            }
        }
    }

    /** One instance: its label must be an accessible OBJECT-TYPE, one index arc, a value in its syntax. */
    private static void check(String instance, List<String> value, Map<String, String> definitions,
            List<String> problems) {
        Matcher varbind = VARBIND.matcher(instance + " = " + value.get(0));
        if (!varbind.matches()) {
            problems.add(instance + ": cannot parse");
            return;
        }
        String label = varbind.group(1);
        String index = varbind.group(2);
        String text = value.get(0);
        String definition = definitions.getOrDefault(label, "");
        if (!definition.contains("MAX-ACCESS") || definition.contains("not-accessible")
                || !definition.contains("SYNTAX")) {
            problems.add(instance + ": " + label + " is not an accessible object (no loaded module names "
                    + instance + ")");
            return;
        }
        if (!index.matches("\\.\\d+")) {
            problems.add(instance + ": '" + index + "' after " + label + " is not one index arc");
        }
        if (text.startsWith("Wrong Type")) {
            problems.add(instance + ": " + text);
            return;
        }
        String syntax = definition.lines().filter(line -> line.trim().startsWith("SYNTAX")).findFirst().orElse("");
        if (syntax.contains("{")) {
            Matcher named = ENUMERATED.matcher(text);
            if (!named.matches() || !namedNumbers(syntax).contains(named.group(1))) {
                problems.add(instance + ": " + text + " is not one of " + syntax.trim());
            }
            return;
        }
        Matcher range = SINGLE_RANGE.matcher(syntax);
        Matcher number = NUMBER.matcher(text);
        if (range.matches() && number.matches()) {
            long n = Long.parseLong(number.group(1));
            if (n < Long.parseLong(range.group(1)) || n > Long.parseLong(range.group(2))) {
                problems.add(instance + ": " + n + " is outside " + syntax.trim());
            }
        }
    }

    private static List<String> namedNumbers(String syntax) {
        List<String> numbers = new ArrayList<>();
        Matcher matcher = NAMED_NUMBER.matcher(syntax);
        while (matcher.find()) {
            numbers.add(matcher.group(1));
        }
        return numbers;
    }

    /** Instance name to its value's lines, in walk order. */
    private static Map<String, List<String>> parse(String walk) {
        Map<String, List<String>> instances = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : walk.split("\\R")) {
            int separator = line.indexOf(" = ");
            if (line.contains(" = No more variables left in this MIB View")) {
                current = null; // snmpwalk's note at the end of the agent's objects, not an object
            } else if (separator > 0 && VARBIND.matcher(line).matches()) {
                current = new ArrayList<>();
                current.add(line.substring(separator + 3));
                instances.put(line.substring(0, separator), current);
            } else if (current != null) {
                current.add(line);
            } else if (!line.isBlank()) {
                instances.put(line, List.of("")); // something before the first object: reported as unparseable
            }
        }
        return instances;
    }

    /** snmptranslate's definition of every label, in one run: blocks start with the label's line. */
    private Map<String, String> definitions(String snmptranslate, String mibPath, Map<String, List<String>> instances)
            throws Exception {
        List<String> labels = instances.keySet().stream().map(VARBIND_LABEL::apply).distinct().toList();
        List<String> command = new ArrayList<>(List.of(snmptranslate, "-M", mibPath, "-m", "ALL", "-Td", "-OS"));
        command.addAll(labels);
        Map<String, String> definitions = new LinkedHashMap<>();
        String label = null;
        StringBuilder block = new StringBuilder();
        for (String line : run(command.toArray(String[]::new)).split("\\R")) {
            if (labels.contains(line.trim())) {
                if (label != null) {
                    definitions.put(label, block.toString());
                }
                label = line.trim();
                block.setLength(0);
            } else {
                block.append(line).append('\n');
            }
        }
        if (label != null) {
            definitions.put(label, block.toString());
        }
        return definitions;
    }

    private static final Function<String, String> VARBIND_LABEL = instance -> {
        Matcher matcher = VARBIND.matcher(instance + " = x");
        return matcher.matches() ? matcher.group(1) : instance;
    };

    /** Runs a Net-SNMP tool; stdout, failing on a non-zero exit. stderr (complaints about other modules) is kept apart. */
    private String run(String... command) throws Exception {
        return NetSnmpTools.run(work, Duration.ofSeconds(60), List.of(command));
    }

    private static String upliftMibs() {
        return Path.of(System.getProperty("basedir", "."), "src/main/resources/mibs").toAbsolutePath().toString();
    }
}
