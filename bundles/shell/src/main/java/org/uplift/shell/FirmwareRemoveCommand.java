package org.uplift.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "uplift", name = "firmware-remove", description = "Removes a firmware image from the catalogue and deletes its file.", detailedDescription = """
        Refused while a job or campaign still needs the image.
        Example: uplift:firmware-remove IAD-1000-2.0.0""")
public class FirmwareRemoveCommand extends FirmwareImageCommand {

    @Override
    protected Object run() throws Exception {
        if (!catalog().remove(id())) {
            throw unknownImage();
        }
        System.out.println("Removed " + id());
        return null;
    }
}
