/**
 * List queries: filters, sorting and pagination as plugins receive them. 1.1: id restrictions
 * and changed_since, which filters served outside the plugin (tags, timestamps) narrow a list with.
 * 1.2: {@link org.nucleon.api.query.ListQuery#withPage}, for reading a list page by page.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.nucleon.api.query;
