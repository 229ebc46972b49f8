/**
 * Devices Uplift upgrades and the inventories that know them.
 *
 * @since 0.1
 */
@Export
@Version("0.3.0")
package org.uplift.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
