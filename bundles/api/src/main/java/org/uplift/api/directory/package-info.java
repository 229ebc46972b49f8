/**
 * One directory of devices and their drivers, used by every part of Uplift that looks a device up.
 *
 * @since 0.4
 */
@Export
@Version("0.4.0")
package org.uplift.api.directory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
