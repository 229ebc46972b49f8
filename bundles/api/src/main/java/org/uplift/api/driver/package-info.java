/**
 * Device drivers: how one MIB family is commanded over SNMP.
 *
 * @since 0.1
 */
@Export
@Version("0.4.0")
package org.uplift.api.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
