package org.uplift.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.shell.completers.FirmwareIdCompleter;

/** A command about one image of the catalogue, named by its catalogue id (uplift:firmware-show, -remove). */
abstract class FirmwareImageCommand extends UpliftAction {

    @Reference
    private FirmwareCatalog catalog;

    @Argument(index = 0, name = "firmware", description = "Catalogue id (<model>-<version>), see uplift:firmware-list", required = true)
    @Completion(FirmwareIdCompleter.class)
    private String id;

    protected final FirmwareCatalog catalog() {
        return catalog;
    }

    /** The catalogue id the operator named. */
    protected final String id() {
        return id;
    }

    /** The failure for an id the catalogue does not hold. */
    protected final IllegalArgumentException unknownImage() {
        return new IllegalArgumentException("no firmware " + id + " in the catalogue: see uplift:firmware-list");
    }
}
