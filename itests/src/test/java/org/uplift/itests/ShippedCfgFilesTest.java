package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The commented {@code etc/org.uplift.*.cfg} files the uplift feature ships say what the bundles' metatype
 * says: one file per configuration PID, every setting in it at its real default, and each one named in
 * the feature. (The simulator's PID is left out on purpose: any file for it, even all comments, starts a fleet.)
 */
public class ShippedCfgFilesTest {

    private static final Path ROOT = Path.of(System.getProperty("uplift.root", ".."));
    private static final String[] BUNDLES = {"repository", "shell", "snmp", "workflow"};

    @Test
    public void everyPidHasACfgFileWithEveryDefault() throws Exception {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        String feature = Files.readString(ROOT.resolve("features/uplift/src/main/feature/feature.xml"));
        List<String> pids = new ArrayList<>();
        for (String b : BUNDLES) {
            Path jar = ROOT.resolve("bundles/" + b + "/target/" + b + "-" + version + ".jar");
            try (JarFile j = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                        try (InputStream in = j.getInputStream(entry)) {
                            pids.add(check(in, feature));
                        }
                    }
                }
            }
        }
        assertTrue("metatype found for the main PIDs: " + pids,
                pids.containsAll(
                        List.of("org.uplift.tftp", "org.uplift.workflow", "org.uplift.snmp", "org.uplift.backups")));
        try (var files = Files.list(ROOT.resolve("features/uplift/src/main/cfg"))) {
            List<String> shipped = files.map(p -> p.getFileName().toString().replace(".cfg", "")).sorted().toList();
            assertEquals("a cfg file for each PID with metatype, and no other", pids.stream().sorted().toList(),
                    shipped);
        }
    }

    /** Checks one metatype document against its cfg file; returns its PID. */
    private static String check(InputStream metatype, String feature) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(metatype);
        Element designate = (Element) doc.getElementsByTagNameNS("*", "Designate").item(0);
        String pid = designate.getAttribute("pid");
        Path cfg = ROOT.resolve("features/uplift/src/main/cfg/" + pid + ".cfg");
        if (!Files.exists(cfg)) {
            fail("no shipped cfg file for " + pid);
        }
        String text = Files.readString(cfg);
        assertTrue(pid + ": every line a comment or blank, so defaults stay the metatype's",
                text.lines().allMatch(l -> l.isBlank() || l.startsWith("#")));
        Properties commented = new Properties();
        commented.load(new StringReader(String.join("\n", text.lines()
                .filter(l -> l.matches("#[A-Za-z][\\w.]* = .*")).map(l -> l.substring(1)).toList())));
        NodeList ads = doc.getElementsByTagNameNS("*", "AD");
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            String id = ad.getAttribute("id");
            String value = commented.getProperty(id);
            if (value == null) {
                fail(pid + ".cfg does not show setting " + id);
            }
            String def = ad.getAttribute("default");
            if (ad.hasAttribute("cardinality")) {
                def = def.split("(?<!\\\\),")[0]; // a list: the file shows the first value
            }
            // metatype escapes a comma, a space and a backslash in a default with a backslash; the file does not
            assertEquals(pid + ".cfg: default of " + id, def.replaceAll("\\\\(.)", "$1"), value);
        }
        assertTrue(pid + ".cfg is installed by the feature", feature.contains("/cfg/" + pid + "</configfile>"));
        return pid;
    }
}
