package org.nucleon.internal.controller;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.nucleon.api.error.NeutronException;

/**
 * The items of a list asked for without a limit, from a handler that pages natively, read a page
 * at a time while they are written: each page is extended, checked against policy and turned into
 * views when the writer reaches it, so a list of 100,000 ports never sits in memory whole (read at
 * once, it did not fit in the default 512 MB heap). The pages are separate reads, as those of a
 * client walking the pages itself: an item created or deleted meanwhile may or may not be listed.
 * Jackson writes it as a JSON array.
 */
final class PagedList implements Iterable<Object> {
    /** Items per read: the page size the list queries are tuned for. */
    static final int PAGE = 1000;

    /** Up to PAGE + 1 items after the marker (null: from the first), as the handler returns them. */
    private final Function<String, List<Map<String, Object>>> read;
    /** A page of the handler's items as the caller sees them. */
    private final Function<List<Map<String, Object>>, List<Object>> views;
    private final String primaryKey;
    private final List<Map<String, Object>> first;

    private PagedList(Function<String, List<Map<String, Object>>> read,
            Function<List<Map<String, Object>>, List<Object>> views, String primaryKey,
            List<Map<String, Object>> first) {
        this.read = read;
        this.views = views;
        this.primaryKey = primaryKey;
        this.first = first;
    }

    /**
     * The list: its first page is read now, so a failure of the query itself is still answered as
     * an error; when that page holds all, it is the plain list, written with its length.
     */
    static Iterable<Object> of(Function<String, List<Map<String, Object>>> read,
            Function<List<Map<String, Object>>, List<Object>> views, String primaryKey) {
        List<Map<String, Object>> first = read.apply(null);
        return first.size() > PAGE ? new PagedList(read, views, primaryKey, first) : views.apply(first);
    }

    /** Whether a response body holds such a list, whose length nobody knows before it is written. */
    static boolean in(Object body) {
        return body instanceof Map<?, ?> m && m.values().stream().anyMatch(PagedList.class::isInstance);
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            private List<Map<String, Object>> raw = first;
            private Iterator<Object> current = views.apply(page(first)).iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && raw.size() > PAGE) {
                    raw = after(page(raw));
                    current = views.apply(page(raw)).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static List<Map<String, Object>> page(List<Map<String, Object>> raw) {
        return raw.size() > PAGE ? raw.subList(0, PAGE) : raw;
    }

    /**
     * The read after a written page, from its last item; when that item is gone meanwhile (a 404
     * marker), from the one before, and so on. Items passed over that way are gone, so none is
     * listed twice.
     */
    private List<Map<String, Object>> after(List<Map<String, Object>> written) {
        NeutronException gone = null;
        for (int i = written.size() - 1; i >= 0; i--) {
            try {
                return read.apply(String.valueOf(written.get(i).get(primaryKey)));
            } catch (NeutronException e) {
                if (e.status() != 404) {
                    throw e;
                }
                gone = e;
            }
        }
        throw gone;
    }
}
