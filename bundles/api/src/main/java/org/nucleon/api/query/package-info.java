/**
 * List queries: filters, sorting and pagination as plugins receive them. 1.1: id restrictions
 * and changed_since, which filters served outside the plugin (tags, timestamps) narrow a list with.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.nucleon.api.query;
