package org.nucleon.internal.controller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.query.SortKey;
import org.nucleon.api.validation.Validators;
import org.nucleon.internal.registry.Route;

/**
 * Neutron's reading of a list request's query string ({@code api_common}: get_filters,
 * get_sorts, get_limit_and_marker, get_page_reverse) into a {@link ListQuery} and fields.
 */
public final class ListRequest {
    static final Set<String> RESERVED = Set.of("fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse");
    /** standard-attr-timestamp's filter, on every collection that shows updated_at. */
    static final String CHANGED_SINCE = "changed_since";
    private static final String UPDATED_AT = "updated_at";

    private ListRequest() {
    }

    /**
     * Filters are validated and empty values kept, as Neutron does with its default
     * filter-validation and empty-string-filtering.
     *
     * @param maxLimit pagination_max_limit; 0 or less for none
     */
    public static ListQuery parse(QueryString q, Route route, int maxLimit) {
        Map<String, AttributeDefinition> attrs = route.attributes();
        Map<String, List<Object>> filters = filters(q, attrs);
        int limit = limit(q, maxLimit);
        return new ListQuery(filters, sorts(q, attrs, route.primaryKey()), limit, limit > 0 ? q.get("marker") : null,
                "true".equalsIgnoreCase(q.get("page_reverse"))).withChangedSince(changedSince(q, attrs));
    }

    /**
     * The first {@code changed_since} value as Neutron's timeutils.parse_isotime reads it: ISO 8601
     * date and time, UTC unless it names an offset; or a date alone, meaning its midnight UTC.
     * Null when absent or when the collection has no timestamps.
     */
    static Instant changedSince(QueryString q, Map<String, AttributeDefinition> attrs) {
        List<String> values = q.all(CHANGED_SINCE);
        if (values.isEmpty() || !attrs.containsKey(UPDATED_AT)) {
            return null;
        }
        String raw = values.get(0);
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(raw.strip(), ZonedDateTime::from,
                    LocalDateTime::from);
            return t instanceof ZonedDateTime z ? z.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(raw.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw NeutronException.invalidInput("The input " + CHANGED_SINCE
                        + " must be in the following format: YYYY-MM-DDTHH:MM:SSZ");
            }
        }
    }

    /** Converted filters; every key that is not a filterable attribute is named at once, after conversion. */
    static Map<String, List<Object>> filters(QueryString q, Map<String, AttributeDefinition> attrs) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        Map<String, List<Object>> raw = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        for (Map.Entry<String, String> e : q.entries()) {
            String key = e.getKey();
            if (RESERVED.contains(key) || key.equals(CHANGED_SINCE) && attrs.containsKey(UPDATED_AT)) {
                continue;
            }
            AttributeDefinition a = attrs.get(key);
            if (a == null || !a.filter()) {
                if (!invalid.contains(key)) {
                    invalid.add(key);
                }
                continue;
            }
            if (a.convertListTo() != null) {
                raw.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getValue());
                continue;
            }
            Object value = a.convertTo() == null ? e.getValue() : BodyProcessor.converter(a.convertTo())
                    .convert(e.getValue());
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        // convert_list_to takes all of a key's values at once, e.g. fixed_ips=ip_address=... to one dict
        raw.forEach((key, values) -> out.put(key, new ArrayList<>(List.of(
                BodyProcessor.converter(attrs.get(key).convertListTo()).convert(values)))));
        if (!invalid.isEmpty()) {
            throw NeutronException.badRequest(pyList(invalid) + " is invalid attribute for filtering");
        }
        return out;
    }

    static List<SortKey> sorts(QueryString q, Map<String, AttributeDefinition> attrs, String primaryKey) {
        // list_args drops empty values
        List<String> keys = q.all("sort_key").stream().filter(k -> !k.isEmpty()).toList();
        List<String> dirs = q.all("sort_dir").stream().filter(d -> !d.isEmpty()).toList();
        if (keys.size() != dirs.size()) {
            throw NeutronException.badRequest("The number of sort_keys and sort_dirs must be same");
        }
        List<String> absent = keys.stream().filter(k -> attrs.get(k) == null || !attrs.get(k).sortKey()).toList();
        if (!absent.isEmpty()) {
            throw NeutronException.badRequest(pyList(absent) + " is invalid attribute for sort_keys");
        }
        List<String> badDirs = dirs.stream().filter(d -> !d.equals("asc") && !d.equals("desc")).toList();
        if (!badDirs.isEmpty()) {
            throw NeutronException.badRequest(pyList(badDirs)
                    + " is invalid value for sort_dirs, valid value is 'asc' and 'desc'");
        }
        List<SortKey> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new SortKey(keys.get(i), dirs.get(i).equals("asc")));
        }
        // Neutron appends the primary key so that paging through equal sort values is stable.
        if (out.stream().noneMatch(s -> s.attribute().equals(primaryKey))) {
            out.add(new SortKey(primaryKey, true));
        }
        return out;
    }

    static int limit(QueryString q, int maxLimit) {
        String raw = q.get("limit");
        int limit = 0;
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 0) {
                throw new NeutronException(400, "BadRequest",
                        "Bad limit request: Limit must be an integer 0 or greater and not '" + raw + "'.");
            }
        }
        if (maxLimit > 0) {
            limit = limit == 0 ? maxLimit : Math.min(maxLimit, limit);
        }
        return limit;
    }

    /** The requested fields, or an empty list for all; {@code fields=} asks for none. */
    public static List<String> fields(QueryString q) {
        return q.all("fields");
    }

    /** Python's rendering of a list of strings, as Neutron's messages embed it. */
    static String pyList(List<String> items) {
        return Validators.repr(items);
    }
}
