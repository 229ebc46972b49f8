/**
 * What Uplift shows a client of its records, as plain data: the REST API writes these records as JSON, and the
 * Web Console page shows them. Each record's {@code of} factory is the one mapping from the API type to what a
 * client sees, so a field (or a secret) is added or left out in one place. Records serialize by their component
 * names; nothing here depends on a JSON library.
 *
 * @since 0.4
 */
@Export
@Version("0.4.0")
package org.uplift.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
