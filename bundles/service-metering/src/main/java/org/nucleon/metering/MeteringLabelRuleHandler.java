package org.nucleon.metering;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.apache.aries.jpa.template.JpaTemplate;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.persistence.JpaResourceHandler;
import org.nucleon.api.plugin.ResourceHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Metering label rules, with the checks of Neutron's MeteringPlugin: each prefix must be an IP
 * interface; remote_ip_prefix excludes the source and destination prefixes, and one of the three
 * is required; a remote_ip_prefix may not overlap one of another rule of the same label,
 * direction and excluded flag; the label must exist.
 */
@Component(service = ResourceHandler.class, property = ResourceHandler.COLLECTION + "=metering_label_rules")
public class MeteringLabelRuleHandler extends JpaResourceHandler<MeteringLabelRuleEntity> {
    static final String LABEL_ID = "metering_label_id";
    static final String DIRECTION = "direction";
    static final String EXCLUDED = "excluded";
    static final String REMOTE = "remote_ip_prefix";
    static final String SOURCE = "source_ip_prefix";
    static final String DESTINATION = "destination_ip_prefix";
    private static final Map<String, String> COLUMNS = Map.of("id", "id", LABEL_ID, "labelId", DIRECTION,
            "direction", EXCLUDED, "excluded", REMOTE, "remoteIpPrefix", SOURCE, "sourceIpPrefix", DESTINATION,
            "destinationIpPrefix");

    @Reference(target = "(osgi.unit.name=nucleon-metering)")
    JpaTemplate jpa;

    public MeteringLabelRuleHandler() {
        super(MeteringLabelRuleEntity.class, "MeteringLabelRule", COLUMNS);
    }

    @Override
    protected JpaTemplate jpa() {
        return jpa;
    }

    @Override
    protected NeutronException notFound(String id) {
        return new NeutronException(404, "MeteringLabelRuleNotFound", "Metering label rule '" + id
                + "' does not exist.");
    }

    @Override
    protected MeteringLabelRuleEntity insert(EntityManager em, RequestContext context, Map<String, Object> rule) {
        IpPrefix remote = prefix(rule, REMOTE);
        IpPrefix source = prefix(rule, SOURCE);
        IpPrefix destination = prefix(rule, DESTINATION);
        if (remote != null && (source != null || destination != null)) {
            throw invalid("Cannot use 'remote-ip-prefix' in conjunction with 'source-ip-prefix' or "
                    + "'destination-ip-prefix'.");
        }
        if (remote == null && source == null && destination == null) {
            throw invalid("You must define at least one of the following parameters 'remote_ip_prefix', or "
                    + "'source_ip_prefix' or 'destination_ip_prefix'.");
        }
        String labelId = (String) rule.get(LABEL_ID);
        // locked, so rules of one label are created one after the other and overlap checks see each other
        MeteringLabelEntity label = em.find(MeteringLabelEntity.class, labelId, LockModeType.PESSIMISTIC_WRITE);
        if (label == null) {
            throw MeteringLabelHandler.labelNotFound(labelId);
        }
        MeteringLabelRuleEntity e = newEntity(context, rule);
        e.label = label;
        e.labelId = labelId;
        apply(e, rule);
        if (remote != null) {
            checkOverlaps(em, e, remote, rule.get(REMOTE));
        }
        e.remoteIpPrefix = text(remote);
        e.sourceIpPrefix = text(source);
        e.destinationIpPrefix = text(destination);
        em.persist(e);
        return e;
    }

    /**
     * Neutron's check_for_rule_overlaps: only remote_ip_prefix is compared, against the rules of
     * the same label, direction and excluded flag; its message quotes the prefix as sent.
     */
    private static void checkOverlaps(EntityManager em, MeteringLabelRuleEntity e, IpPrefix remote, Object sent) {
        List<String> others = em.createQuery("SELECT r.remoteIpPrefix FROM MeteringLabelRuleEntity r WHERE "
                + "r.labelId = :label AND r.direction = :direction AND r.excluded = :excluded AND "
                + "r.remoteIpPrefix IS NOT NULL", String.class).setParameter("label", e.labelId)
                .setParameter("direction", e.direction).setParameter("excluded", e.excluded).getResultList();
        for (String other : others) {
            if (IpPrefix.parse(REMOTE, other).overlaps(remote)) {
                throw NeutronException.conflict("MeteringLabelRuleOverlaps", "Metering label rule with "
                        + "remote_ip_prefix '" + sent + "' overlaps another.");
            }
        }
    }

    /** The prefix of an attribute, or null when it is absent or false in Python's sense, as Neutron reads it. */
    private static IpPrefix prefix(Map<String, Object> rule, String attribute) {
        Object v = rule.get(attribute);
        boolean falsy = v == null || Boolean.FALSE.equals(v) || v instanceof String s && s.isEmpty()
                || v instanceof Number n && n.doubleValue() == 0 || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
        return falsy ? null : IpPrefix.parse(attribute, v);
    }

    private static String text(IpPrefix p) {
        return p == null ? null : p.text();
    }

    /** neutron_lib's Invalid; Neutron answers it with 500, a client error here. */
    private static NeutronException invalid(String message) {
        return new NeutronException(400, "Invalid", message);
    }

    @Override
    protected MeteringLabelRuleEntity newEntity(RequestContext context, Map<String, Object> rule) {
        MeteringLabelRuleEntity e = new MeteringLabelRuleEntity();
        e.id = UUID.randomUUID().toString();
        return e;
    }

    @Override
    protected void apply(MeteringLabelRuleEntity e, Map<String, Object> rule) {
        e.direction = (String) rule.get(DIRECTION);
        e.excluded = Boolean.TRUE.equals(rule.get(EXCLUDED));
    }

    @Override
    public Map<String, Object> update(RequestContext context, String id, Map<String, Object> changes) {
        throw MeteringLabelHandler.notImplemented();
    }

    @Override
    protected Map<String, Object> toMap(MeteringLabelRuleEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id);
        m.put(LABEL_ID, e.labelId);
        m.put(DIRECTION, e.direction);
        m.put(REMOTE, e.remoteIpPrefix);
        m.put(SOURCE, e.sourceIpPrefix);
        m.put(DESTINATION, e.destinationIpPrefix);
        m.put(EXCLUDED, e.excluded);
        return m;
    }
}
