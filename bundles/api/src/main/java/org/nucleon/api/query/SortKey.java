package org.nucleon.api.query;

/** One {@code sort_key}/{@code sort_dir} pair. */
public record SortKey(String attribute, boolean ascending) {
}
