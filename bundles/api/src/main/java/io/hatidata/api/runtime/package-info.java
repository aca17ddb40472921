/**
 * Facts about the running node shared by every bundle, such as where the product keeps its own data.
 */
@Export
@Version("1.0.0")
package io.hatidata.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
