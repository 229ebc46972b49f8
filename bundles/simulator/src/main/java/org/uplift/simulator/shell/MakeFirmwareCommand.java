package org.uplift.simulator.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.FirmwareImageFormat;

@Service
@Command(scope = "uplift-sim", name = "make-firmware", description = "Writes a firmware image that simulated devices accept.", detailedDescription = """
        The image carries its model, version and configuration format in a header and a payload of --size \
        bytes with its SHA-256, which a simulated device checks when it loads the image. Add it to Uplift's \
        catalogue with uplift:firmware-add. An existing file is overwritten.
        Defaults: --config-format 1, --size 65536.
        Example: uplift-sim:make-firmware --model IAD-1000 --version 2.0.0 --size 8388608 /tmp/iad-2.0.0.bin""")
public class MakeFirmwareCommand extends SimulatorAction {

    /** A payload Uplift's tests and demos can serve over TFTP in reasonable time. */
    private static final int MAX_SIZE = 1 << 30;

    @Argument(index = 0, name = "file", description = "Where to write the image", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--model", description = "Model the image is for, e.g. IAD-1000", required = true)
    String model;

    @Option(name = "--version", description = "Software version the image carries", required = true)
    String version;

    @Option(name = "--config-format", description = "Configuration format that version reads")
    String configFormat = DeviceSettings.DEFAULT_CONFIG_FORMAT;

    @Option(name = "--size", description = "Payload size in bytes")
    int size = 64 * 1024;

    @Override
    protected Object run() throws Exception {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("--size is 0 to " + MAX_SIZE + " bytes; got " + size);
        }
        Path path = Path.of(file).toAbsolutePath();
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new IllegalArgumentException("no such directory: " + path.getParent());
        }
        byte[] image = FirmwareImageFormat.build(model, version, configFormat, size);
        Files.write(path, image);
        System.out.println("wrote " + path + " (" + image.length + " bytes): " + model + " " + version
                + ", config format " + configFormat);
        return null;
    }
}
