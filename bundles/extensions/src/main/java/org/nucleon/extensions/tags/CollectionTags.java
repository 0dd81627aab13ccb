package org.nucleon.extensions.tags;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.Transactions;
import org.nucleon.api.plugin.IdFilter;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.ResourceExtender;
import org.nucleon.api.query.ListQuery;

/**
 * The tags of one collection's resources, in the three roles the API has for them: the
 * {@code tags} attribute of each item, the {@code tags}, {@code tags-any}, {@code not-tags} and
 * {@code not-tags-any} list filters, and the routes {@code /{collection}/{id}/tags[/{tag}]} with
 * Neutron's status codes (index 200, show 204, create 200, update 201, update_all 200, delete and
 * delete_all 204). A change of a resource's tags bumps its revision, in the same transaction.
 */
final class CollectionTags implements ResourceExtender, IdFilter, MemberSubResource {
    static final String TAGS_ANY = "tags-any";
    static final String NOT_TAGS = "not-tags";
    static final String NOT_TAGS_ANY = "not-tags-any";
    private static final Set<String> FILTERS = Set.of(Tags.TAGS, TAGS_ANY, NOT_TAGS, NOT_TAGS_ANY);

    private final String collection;
    private final JpaTemplate jpa;

    CollectionTags(String collection, JpaTemplate jpa) {
        this.collection = collection;
        this.jpa = jpa;
    }

    @Override
    public void extend(RequestContext context, List<Map<String, Object>> items) {
        Map<String, List<String>> tags = jpa.txExpr(TransactionType.Supports,
                em -> TagStore.tagsOf(em, items.stream().map(i -> String.valueOf(i.get("id"))).toList()));
        items.forEach(i -> i.put(Tags.TAGS, tags.getOrDefault(String.valueOf(i.get("id")), List.of())));
    }

    @Override
    public Set<String> keys() {
        return FILTERS;
    }

    /** All of {@code tags}, any of {@code tags-any}, not all of {@code not-tags}, none of {@code not-tags-any}. */
    @Override
    public ListQuery restrict(RequestContext context, ListQuery query) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            ListQuery q = query;
            Set<String> all = wanted(query, Tags.TAGS);
            if (!all.isEmpty()) {
                q = q.onlyIds(TagStore.withAll(em, collection, all));
            }
            Set<String> any = wanted(query, TAGS_ANY);
            if (!any.isEmpty()) {
                q = q.onlyIds(TagStore.withAny(em, collection, any));
            }
            Set<String> notAll = wanted(query, NOT_TAGS);
            if (!notAll.isEmpty()) {
                q = q.excludingIds(TagStore.withAll(em, collection, notAll));
            }
            Set<String> notAny = wanted(query, NOT_TAGS_ANY);
            if (!notAny.isEmpty()) {
                q = q.excludingIds(TagStore.withAny(em, collection, notAny));
            }
            return q;
        });
    }

    /** A filter's tags: comma-separated, and a repeated key adds to them, as Neutron's _get_tag_list. */
    private static Set<String> wanted(ListQuery query, String key) {
        Set<String> out = new LinkedHashSet<>();
        query.filters().getOrDefault(key, List.of()).forEach(v -> out.addAll(List.of(String.valueOf(v).split(",", -1))));
        return out;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.allOf(Operation.class);
    }

    @Override
    public Reply handle(RequestContext context, Operation operation, Parent parent, String item, Object body) {
        String id = parent.id();
        switch (operation) {
            case INDEX:
                return new Reply(200, Map.of(Tags.TAGS, jpa.txExpr(TransactionType.Supports,
                        em -> TagStore.tagsOf(em, id))));
            case SHOW:
                String wanted = Tags.checked(item);
                if (!jpa.txExpr(TransactionType.Supports, em -> TagStore.tagsOf(em, id).contains(wanted))) {
                    throw tagNotFound(wanted);
                }
                return new Reply(204, null);
            case CREATE:
                List<String> more = Tags.checkedBody(body);
                change(parent, em -> TagStore.add(em, collection, id, more));
                return new Reply(200, Map.of(Tags.TAGS, more));
            case UPDATE:
                String tag = Tags.checked(item);
                change(parent, em -> TagStore.add(em, collection, id, List.of(tag)));
                return new Reply(201, null);
            case UPDATE_ALL:
                List<String> tags = Tags.checkedBody(body);
                change(parent, em -> TagStore.replace(em, collection, id, tags));
                return new Reply(200, Map.of(Tags.TAGS, tags));
            case DELETE:
                String gone = Tags.checked(item);
                change(parent, em -> {
                    if (!TagStore.remove(em, id, gone)) {
                        throw tagNotFound(gone);
                    }
                    return true;
                });
                return new Reply(204, null);
            default:
                change(parent, em -> TagStore.removeAll(em, id));
                return new Reply(204, null);
        }
    }

    /** Runs a change of the tags and, when it changed any, bumps the parent's revision with it. */
    private void change(Parent parent, java.util.function.Function<EntityManager, Boolean> change) {
        Transactions.retrying(() -> jpa.txExpr(TransactionType.Required, em -> {
            if (change.apply(em)) {
                parent.touch().run();
            }
            return null;
        }));
    }

    private static NeutronException tagNotFound(String tag) {
        return new NeutronException(404, "TagNotFound", "Tag " + tag + " could not be found.");
    }
}
