package org.uplift.simulator.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.FirmwareImageFormat;

@Service
@Command(scope = "uplift-sim", name = "make-firmware", description = "Writes a firmware image that simulated devices accept")
public class MakeFirmwareCommand implements Action {

    @Argument(index = 0, name = "file", description = "Where to write the image", required = true)
    String file;

    @Option(name = "--model", description = "Model the image is for", required = true)
    String model;

    @Option(name = "--version", description = "Software version the image carries", required = true)
    String version;

    @Option(name = "--config-format", description = "Configuration format that version uses")
    String configFormat = DeviceSettings.DEFAULT_CONFIG_FORMAT;

    @Option(name = "--size", description = "Payload size in bytes")
    int size = 64 * 1024;

    @Override
    public Object execute() throws Exception {
        byte[] image = FirmwareImageFormat.build(model, version, configFormat, size);
        Path path = Path.of(file);
        Files.write(path, image);
        System.out.println("wrote " + path.toAbsolutePath() + " (" + image.length + " bytes): " + model + " "
                + version + ", config format " + configFormat);
        return null;
    }
}
