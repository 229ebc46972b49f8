package org.uplift.itests;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds, inside the running Karaf, a bundle that holds one activator class of the test probe. */
final class RuntimeBundles {

    private RuntimeBundles() {
    }

    /** A bundle jar whose only class is {@code activator}, importing {@code imports}. */
    static byte[] activatorOnly(String symbolicName, Class<?> activator, String imports) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", imports);
        String resource = activator.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest);
                InputStream in = activator.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no " + resource + " in the probe");
            }
            jar.putNextEntry(new JarEntry(resource));
            in.transferTo(jar);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
