package org.uplift.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;

@Service
@Command(scope = "uplift", name = "firmware-add", description = "Adds a firmware image to the catalogue and records its SHA-256.", detailedDescription = """
        The file is copied into the catalogue (directory in etc/org.uplift.firmware.cfg); its SHA-256 is \
        checked again before every download. Its catalogue id is <model>-<version>.
        Default --config-format: none declared (no configuration migration is checked for the image).
        A relative file name is read from Karaf's working directory.
        Example: uplift:firmware-add --model IAD-1000 --version 3.0.0 --config-format 3 /tmp/iad-3.0.0.bin""")
public class FirmwareAddCommand extends UpliftAction {

    @Reference
    private FirmwareCatalog catalog;

    @Argument(index = 0, name = "file", description = "The image file to copy into the catalogue", required = true)
    @Completion(FileCompleter.class)
    private String file;

    @Option(name = "--model", aliases = "-m", description = "Device model the image is for, as the device reports it", required = true)
    private String model;

    @Option(name = "--version", aliases = "-v", description = "Software version the image installs", required = true)
    private String version;

    @Option(name = "--config-format", aliases = "-f", description = "Configuration format version the software reads; jobs are refused before they start if no migration reaches it")
    private String configFormat = "";

    @Option(name = "--notes", description = "Release notes, shown by uplift:firmware-show")
    private String notes = "";

    @Override
    protected Object run() throws Exception {
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException((Files.exists(path) ? "not a file: " : "no such file: ") + path);
        }
        FirmwareImage image = catalog.add(path, model, version, configFormat, notes);
        System.out.println("Added " + image.id() + ": " + image.size() + " bytes, sha256 " + image.sha256());
        return null;
    }
}
