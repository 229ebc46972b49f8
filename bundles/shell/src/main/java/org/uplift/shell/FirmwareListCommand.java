package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;

@Service
@Command(scope = "uplift", name = "firmware-list", description = "Lists the firmware images in the catalogue.",
        detailedDescription = "Example: uplift:firmware-list")
public class FirmwareListCommand implements Action {

    @Reference
    private FirmwareCatalog catalog;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Model");
        table.column("Version");
        table.column("Size").alignRight();
        table.column("SHA-256");
        table.column("Added");
        for (FirmwareImage i : catalog.list()) {
            table.addRow().addContent(i.id(), i.model(), i.version(), i.size(), i.sha256(), i.addedAt());
        }
        table.print(System.out);
        return null;
    }
}
