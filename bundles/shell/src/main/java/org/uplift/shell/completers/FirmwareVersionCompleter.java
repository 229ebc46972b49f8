package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;

/** Completes the software versions in the firmware catalogue. */
@Service
public class FirmwareVersionCompleter extends IdCompleter {

    @Reference(optional = true)
    private FirmwareCatalog catalog;

    @Override
    protected Stream<String> ids() {
        return catalog == null ? Stream.empty() : catalog.list().stream().map(FirmwareImage::version);
    }
}
