package org.nucleon.ml2.rbac;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.persistence.PageKeys;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.rbac.RbacObjectType;
import org.nucleon.api.rbac.RbacPolicies;
import org.nucleon.api.rbac.RbacUsers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code /v2.0/rbac-policies} and the policies' store for the plugins whose objects they share.
 * An object type is known while its owner publishes its {@link RbacObjectType}; policies of a
 * type that is gone stay in the table for its return but are neither shown nor accepted.
 */
@Component(service = {ResourceHandler.class, RbacPolicies.class, RbacPolicyHandler.class},
        property = ResourceHandler.COLLECTION + "=rbac_policies")
public class RbacPolicyHandler extends JpaResourceHandler<RbacPolicyEntity> implements RbacPolicies {
    static final String TARGET = "target_tenant";
    /**
     * Policies per object of a page (everyone's share, a few projects') that its id range may hold before the
     * page is read by IN lists instead.
     */
    private static final int POLICIES_PER_OBJECT = 4;
    private static final Map<String, String> COLUMNS = Map.of("id", "id", "object_type", "objectType",
            "object_id", "objectId", "action", "action", TARGET, "targetProject", "tenant_id", "projectId",
            "project_id", "projectId");

    private final Map<String, RbacObjectType> types = new ConcurrentHashMap<>();
    private final List<RbacUsers> otherUsers = new CopyOnWriteArrayList<>();

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    public RbacPolicyHandler() {
        super(RbacPolicyEntity.class, "RbacPolicy", COLUMNS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addType(RbacObjectType type) {
        types.put(type.objectType(), type);
    }

    public void removeType(RbacObjectType type) {
        types.remove(type.objectType(), type);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addUsers(RbacUsers users) {
        otherUsers.add(users);
    }

    public void removeUsers(RbacUsers users) {
        otherUsers.remove(users);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected NeutronException notFound(String id) {
        return notFound("unknown", id);
    }

    private static NeutronException notFound(String objectType, String id) {
        return new NeutronException(404, "RbacPolicyNotFound", "RBAC policy of type " + objectType + " with ID "
                + id + " not found");
    }

    /** Neutron's convert_valid_object_type, against the types present now. */
    private RbacObjectType type(Object requested) {
        String normalized = requested instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : null;
        RbacObjectType type = normalized == null ? null : types.get(normalized);
        if (type == null) {
            throw NeutronException.invalidInput("'" + (requested == null ? "None" : requested)
                    + "' is not a valid RBAC object type");
        }
        return type;
    }

    @Override
    protected RbacPolicyEntity newEntity(RequestContext context, Map<String, Object> body) {
        RbacPolicyEntity e = new RbacPolicyEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = (String) body.get("tenant_id");
        e.objectId = (String) body.get("object_id");
        e.action = (String) body.get("action");
        return e;
    }

    @Override
    protected void apply(RbacPolicyEntity e, Map<String, Object> changes) {
        if (changes.containsKey(TARGET)) {
            e.targetProject = (String) changes.get(TARGET);
        }
    }

    /** Neutron's BEFORE_CREATE checks: a known type and action, the caller's own object, no twin. */
    @Override
    protected RbacPolicyEntity insert(EntityManager em, RequestContext context, Map<String, Object> body) {
        RbacObjectType type = type(body.get("object_type"));
        RbacPolicyEntity e = newEntity(context, body);
        e.objectType = type.objectType();
        apply(e, body);
        if (!type.actions().contains(e.action)) {
            throw new NeutronException(400, "InvalidActionForType", "Invalid action '" + e.action
                    + "' for object type '" + e.objectType + "'. Valid actions: " + pythonTuple(type.actions()));
        }
        checkOwner(context, type, e.objectId);
        checkUnique(em, e.objectType, e.objectId, e.action, e.targetProject);
        em.persist(e);
        return e;
    }

    /** As Neutron prints a tuple of actions in InvalidActionForType. */
    private static String pythonTuple(Set<String> actions) {
        List<String> sorted = actions.stream().sorted().map(a -> "'" + a + "'").toList();
        return "(" + String.join(", ", sorted) + (sorted.size() == 1 ? ",)" : ")");
    }

    /**
     * Only the object's owner or an admin manipulates its policies. Neutron looks the object up
     * in a callback whose failure becomes InvalidInput, so a missing one is a 400 too.
     */
    private String checkOwner(RequestContext context, RbacObjectType type, String objectId) {
        String owner = type.owner(objectId);
        if (owner == null) {
            throw NeutronException.invalidInput(type.notFoundMessage(objectId));
        }
        if (!context.admin() && !owner.equals(context.projectId())) {
            throw NeutronException.invalidInput("Only admins can manipulate policies on " + typeWord(type)
                    + " they do not own");
        }
        return owner;
    }

    /** Neutron words the network check on its own; the other types share one message. */
    private static String typeWord(RbacObjectType type) {
        return "network".equals(type.objectType()) ? "networks" : "objects";
    }

    private static void checkUnique(EntityManager em, String objectType, String objectId, String action,
            String target) {
        if (find(em, objectType, objectId, action, target) != null) {
            throw NeutronException.conflict("DuplicateRbacPolicy", "An RBAC policy already exists with those values.");
        }
    }

    private static RbacPolicyEntity find(EntityManager em, String objectType, String objectId, String action,
            String target) {
        List<RbacPolicyEntity> found = em.createQuery("SELECT r FROM RbacPolicyEntity r WHERE r.objectType = :t "
                + "AND r.objectId = :o AND r.action = :a AND r.targetProject = :p", RbacPolicyEntity.class)
                .setParameter("t", objectType).setParameter("o", objectId).setParameter("a", action)
                .setParameter("p", target).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Only the target changes; the projects it no longer names must not depend on it. */
    @Override
    protected void change(EntityManager em, RequestContext context, RbacPolicyEntity e, Map<String, Object> changes) {
        String target = (String) changes.get(TARGET);
        if (target == null || target.equals(e.targetProject)) {
            return;
        }
        RbacObjectType type = known(e);
        String owner = checkOwner(context, type, e.objectId);
        checkUnique(em, e.objectType, e.objectId, e.action, target);
        checkRevoke(em, type, owner, e, target);
        apply(e, changes);
    }

    @Override
    protected void beforeRemove(EntityManager em, RequestContext context, RbacPolicyEntity e) {
        RbacObjectType type = known(e);
        String owner = type.owner(e.objectId);
        if (owner != null) {
            checkRevoke(em, type, owner, e, null);
        }
    }

    /**
     * Neutron's _validate_rbac_policy_delete for every type: the projects that use the object
     * through this action (the owner aside) must keep access through the policies left, a
     * wildcard among them covering all.
     *
     * @param newTarget the target an update gives the policy, or null when it goes
     */
    private void checkRevoke(EntityManager em, RbacObjectType type, String owner, RbacPolicyEntity p,
            String newTarget) {
        if (p.targetProject.equals(owner)) {
            return;
        }
        Set<String> remaining = targets(em, p.objectType, p.objectId, p.action);
        remaining.remove(p.targetProject);
        if (newTarget != null) {
            remaining.add(newTarget);
        }
        if (remaining.contains(WILDCARD)) {
            return;
        }
        Set<String> losing = users(type, p.objectId, p.action);
        losing.remove(owner);
        losing.removeAll(remaining);
        if (!WILDCARD.equals(p.targetProject)) {
            losing.retainAll(Set.of(p.targetProject));
        }
        if (!losing.isEmpty()) {
            throw inUse(p.objectId, "project_id=" + p.targetProject);
        }
    }

    static NeutronException inUse(String objectId, String details) {
        return NeutronException.conflict("RbacPolicyInUse", "RBAC policy on object " + objectId
                + " cannot be removed because other objects depend on it.\nDetails: " + details);
    }

    private Set<String> users(RbacObjectType type, String objectId, String action) {
        Set<String> users = new HashSet<>(type.users(objectId, action));
        for (RbacUsers other : otherUsers) {
            if (other.objectType().equals(type.objectType())) {
                users.addAll(other.users(objectId, action));
            }
        }
        return users;
    }

    private static Set<String> targets(EntityManager em, String objectType, String objectId, String action) {
        return new HashSet<>(em.createQuery("SELECT r.targetProject FROM RbacPolicyEntity r WHERE r.objectType = :t "
                + "AND r.objectId = :o AND r.action = :a", String.class).setParameter("t", objectType)
                .setParameter("o", objectId).setParameter("a", action).getResultList());
    }

    /** The policy's type, which must be present for the policy to exist to the API. */
    private RbacObjectType known(RbacPolicyEntity e) {
        RbacObjectType type = types.get(e.objectType);
        if (type == null) {
            throw notFound(e.id);
        }
        return type;
    }

    @Override
    protected RbacPolicyEntity find(EntityManager em, String id) {
        RbacPolicyEntity e = super.find(em, id);
        known(e);
        return e;
    }

    @Override
    protected Map<String, Object> toMap(RbacPolicyEntity e) {
        return e.toMap();
    }

    @Override
    public Map<String, Object> get(RequestContext context, String id) {
        return jpa.txExpr(TransactionType.Supports, em -> view(em, findVisible(em, context, id)));
    }

    /** Policies of the types present; Neutron lists them type by type, this in one query. */
    @Override
    public List<Map<String, Object>> list(RequestContext context, ListQuery query) {
        Set<String> present = Set.copyOf(types.keySet());
        if (present.isEmpty()) {
            return List.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> views(em, page(em, context, query,
                root -> root.get("objectType").in(present))));
    }

    @Override
    public Set<String> withPolicy(String objectType, Collection<String> objectIds, String action, String target) {
        if (objectIds != null && objectIds.isEmpty()) {
            return Set.of();
        }
        return jpa.txExpr(TransactionType.Supports, em -> {
            TypedQuery<String> q = em.createQuery("SELECT DISTINCT r.objectId FROM RbacPolicyEntity r "
                    + "WHERE r.objectType = :t AND r.action = :a"
                    + (objectIds == null ? "" : " AND r.objectId IN :ids")
                    + (target == null ? "" : " AND r.targetProject = :p"), String.class)
                    .setParameter("t", objectType).setParameter("a", action);
            if (objectIds != null) {
                q.setParameter("ids", objectIds);
            }
            if (target != null) {
                q.setParameter("p", target);
            }
            return Set.copyOf(q.getResultList());
        });
    }

    /** One read of the page's policies, instead of one each for everyone's share, the project's, and each action. */
    @Override
    public void showPolicies(RequestContext context, String objectType, List<Map<String, Object>> views,
            Map<String, String> anyPolicy) {
        List<String> ids = views.stream().map(v -> (String) v.get("id")).toList();
        List<String> forCaller = targetsCovering(context == null ? null : context.projectId());
        Set<String> shared = new HashSet<>();
        Map<String, Set<String>> having = new HashMap<>();
        // By the page's id range, as tags are: IN lists made Derby compare every policy with every id, a
        // third of a list of 400 shared networks.
        PageKeys page = PageKeys.unchecked(ids, POLICIES_PER_OBJECT * ids.size());
        jpa.tx(TransactionType.Supports, em -> page.query(em,
                "SELECT r.objectId, r.action, r.targetProject FROM RbacPolicyEntity r WHERE r.objectType = :type "
                        + "AND %s ORDER BY r.objectId", Map.of("type", objectType), "r.objectId", Object[].class,
                row -> (String) row[0]).forEach(row -> {
                    String id = (String) row[0];
                    String action = (String) row[1];
                    if (ACCESS_AS_SHARED.equals(action) && forCaller.contains(row[2])) {
                        shared.add(id);
                    }
                    having.computeIfAbsent(action, a -> new HashSet<>()).add(id);
                }));
        for (Map<String, Object> view : views) {
            String id = (String) view.get("id");
            view.put(SHARED, shared.contains(id));
            anyPolicy.forEach((attribute, action) -> view.put(attribute,
                    having.getOrDefault(action, Set.of()).contains(id)));
        }
    }

    /** The target projects of the policies that grant something to the project: everyone's, and its own. */
    private static List<String> targetsCovering(String projectId) {
        return projectId == null ? List.of(WILDCARD) : List.of(WILDCARD, projectId);
    }

    @Override
    public Set<String> grantedTo(String objectType, String projectId) {
        List<String> targets = targetsCovering(projectId);
        return jpa.txExpr(TransactionType.Supports, em -> Set.copyOf(em.createQuery("SELECT DISTINCT r.objectId "
                + "FROM RbacPolicyEntity r WHERE r.objectType = :t AND r.targetProject IN :p", String.class)
                .setParameter("t", objectType).setParameter("p", targets).getResultList()));
    }

    /** Neutron's create_network_db / update_network and the RBAC objects' update_shared. */
    @Override
    public void setShared(RequestContext context, String objectType, String objectId, String owner,
            boolean shared) {
        if (shared) {
            grantAll(objectType, objectId, owner, ACCESS_AS_SHARED);
            return;
        }
        jpa.tx(TransactionType.Required, em -> {
            RbacPolicyEntity wildcard = find(em, objectType, objectId, ACCESS_AS_SHARED, WILDCARD);
            RbacObjectType type = types.get(objectType);
            if (wildcard != null && type != null) {
                checkRevoke(em, type, owner, wildcard, null);
            }
            if (wildcard != null) {
                em.remove(wildcard);
            }
        });
    }

    /** The owner's wildcard policy of an action, unless there is one: shared, or router:external set. */
    public void grantAll(String objectType, String objectId, String owner, String action) {
        jpa.tx(TransactionType.Required, em -> {
            if (find(em, objectType, objectId, action, WILDCARD) == null) {
                RbacPolicyEntity e = new RbacPolicyEntity();
                e.id = UUID.randomUUID().toString();
                e.projectId = owner;
                e.objectType = objectType;
                e.objectId = objectId;
                e.action = action;
                e.targetProject = WILDCARD;
                em.persist(e);
            }
        });
    }

    /** All the object's policies of an action go, as router:external set to false ends them. */
    public void revokeAll(String objectType, String objectId, String action) {
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM RbacPolicyEntity r WHERE "
                + "r.objectType = :t AND r.objectId = :o AND r.action = :a").setParameter("t", objectType)
                .setParameter("o", objectId).setParameter("a", action).executeUpdate());
    }

    @Override
    public void objectDeleted(String objectType, String objectId) {
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM RbacPolicyEntity r WHERE "
                + "r.objectType = :t AND r.objectId = :o").setParameter("t", objectType)
                .setParameter("o", objectId).executeUpdate());
    }
}
