package org.uplift.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;

@Service
@Command(scope = "uplift", name = "firmware-list", description = "Lists the firmware images in the catalogue.", detailedDescription = """
        Ordered by model, then version. The Version column is what uplift:upgrade --firmware takes; the Id \
        is what uplift:firmware-show and uplift:firmware-remove take.
        Example: uplift:firmware-list""")
public class FirmwareListCommand extends TableCommand {

    @Reference
    private FirmwareCatalog catalog;

    @Override
    protected Object run() throws Exception {
        ShellTable table = new ShellTable().emptyTableText("No firmware yet: add an image with uplift:firmware-add");
        table.column("Id");
        table.column("Model");
        table.column("Version");
        table.column("Format");
        table.column("Size").alignRight();
        table.column("SHA-256");
        table.column("Added");
        for (FirmwareImage i : catalog.list()) {
            table.addRow().addContent(i.id(), i.model(), i.version(),
                    i.configFormat().isEmpty() ? "-" : i.configFormat(), i.size(), i.sha256(), i.addedAt());
        }
        print(table);
        return null;
    }
}
