package org.uplift.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;

@Service
@Command(scope = "uplift", name = "firmware-show", description = "Shows one firmware image and checks its file against its SHA-256.", detailedDescription = """
        A failed file check means the file changed on disk since it was added: no device is given the image \
        until it is removed and added again.
        Example: uplift:firmware-show IAD-1000-2.0.0""")
public class FirmwareShowCommand extends FirmwareImageCommand {

    @Override
    protected Object run() throws Exception {
        FirmwareCatalog images = catalog();
        FirmwareImage image = images.get(id()).orElseThrow(this::unknownImage);
        System.out.println("Id:            " + image.id());
        System.out.println("Model:         " + image.model());
        System.out.println("Version:       " + image.version());
        System.out.println(
                "Config format: " + (image.configFormat().isEmpty() ? "(not declared)" : image.configFormat()));
        System.out.println("Size:          " + image.size() + " bytes");
        System.out.println("SHA-256:       " + image.sha256());
        System.out.println("Added:         " + image.addedAt());
        String check;
        try {
            check = "OK, " + images.verifiedFile(image.id());
        } catch (RepositoryException e) {
            check = "FAILED: " + e.getMessage();
        }
        System.out.println("File check:    " + check);
        System.out.println("Release notes: " + (image.releaseNotes().isEmpty() ? "(none)" : image.releaseNotes()));
        return null;
    }
}
