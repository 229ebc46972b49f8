package org.uplift.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.shell.completers.FirmwareIdCompleter;

@Service
@Command(scope = "uplift", name = "firmware-remove", description = "Removes a firmware image from the catalogue and deletes its file.", detailedDescription = """
        Refused while a job or campaign still needs the image.
        Example: uplift:firmware-remove IAD-1000-2.0.0""")
public class FirmwareRemoveCommand extends UpliftAction {

    @Reference
    private FirmwareCatalog catalog;

    @Argument(index = 0, name = "firmware", description = "Catalogue id (<model>-<version>), see uplift:firmware-list", required = true)
    @Completion(FirmwareIdCompleter.class)
    private String id;

    @Override
    protected Object run() throws Exception {
        if (!catalog.remove(id)) {
            throw new IllegalArgumentException("no firmware " + id + " in the catalogue: see uplift:firmware-list");
        }
        System.out.println("Removed " + id);
        return null;
    }
}
