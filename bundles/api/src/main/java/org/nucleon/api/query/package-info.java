/** List queries: filters, sorting and pagination as plugins receive them. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.nucleon.api.query;
