/**
 * Configuration format migration between format versions of a model.
 *
 * @since 0.1
 */
@Export
@Version("0.1.0")
package org.uplift.api.migration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
