/**
 * The upgrade workflow: jobs, their states and their history.
 *
 * @since 0.1
 */
@Export
@Version("0.4.0")
package org.uplift.api.workflow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
