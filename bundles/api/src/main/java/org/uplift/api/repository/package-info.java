/**
 * The file repository: firmware catalogue, configuration backups and the file servers devices reach.
 *
 * @since 0.1
 */
@Export
@Version("0.3.0")
package org.uplift.api.repository;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
