package org.nucleon.ml2.mechanism;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.nucleon.api.callback.Event;
import org.nucleon.api.callback.ResourceCallback;
import org.nucleon.api.callback.ResourceEvent;
import org.nucleon.ml2.network.NetworkEntity;
import org.nucleon.ml2.spi.MechanismContext;
import org.nucleon.ml2.spi.MechanismDriver;
import org.nucleon.ml2.spi.PortBinding;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the mechanism drivers, as ML2's MechanismManager: it subscribes to the network, subnet
 * and port events of the core plugin and turns PRECOMMIT_* into the drivers' precommit calls
 * (inside the transaction, a failure vetoes) and AFTER_* into postcommit calls. Drivers come
 * and go as services; a request sees the drivers present when it runs.
 */
@Component(service = {MechanismManager.class, ResourceCallback.class}, property = {
    ResourceCallback.RESOURCE + "=network", ResourceCallback.RESOURCE + "=subnet", ResourceCallback.RESOURCE + "=port",
    ResourceCallback.EVENTS + "=precommit_create", ResourceCallback.EVENTS + "=precommit_update",
    ResourceCallback.EVENTS + "=precommit_delete", ResourceCallback.EVENTS + "=after_create",
    ResourceCallback.EVENTS + "=after_update", ResourceCallback.EVENTS + "=after_delete"})
public class MechanismManager implements ResourceCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MechanismManager.class);
    private static final String NETWORK = "network";
    private static final String PORT = "port";
    private static final String HOST = "binding:host_id";

    private record Ranked(MechanismDriver driver, int ranking) {
    }

    private volatile List<Ranked> drivers = List.of();

    @Reference(target = "(osgi.unit.name=nucleon-ml2)")
    JpaTemplate jpa;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public synchronized void bindDriver(MechanismDriver d, Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        List<Ranked> next = new ArrayList<>(drivers);
        next.add(new Ranked(d, r instanceof Integer i ? i : 0));
        next.sort(Comparator.comparingInt(Ranked::ranking).reversed()
                .thenComparing(x -> x.driver().name()));
        drivers = List.copyOf(next);
        LOG.info("mechanism driver {} loaded", d.name());
    }

    public synchronized void unbindDriver(MechanismDriver d) {
        List<Ranked> next = new ArrayList<>(drivers);
        next.removeIf(x -> x.driver() == d);
        drivers = List.copyOf(next);
        LOG.info("mechanism driver {} unloaded", d.name());
    }

    /** The loaded drivers' names, in calling order. */
    public List<String> driverNames() {
        return drivers.stream().map(r -> r.driver().name()).toList();
    }

    @Override
    public void handle(ResourceEvent e) {
        BiConsumer<MechanismDriver, MechanismContext> call = call(e.resource(), e.event());
        List<Ranked> called = drivers;
        if (call == null || called.isEmpty()) {
            return;
        }
        MechanismContext ctx = context(e);
        for (Ranked r : called) {
            if (e.event().mayVeto()) {
                call.accept(r.driver(), ctx);
            } else {
                try {
                    call.accept(r.driver(), ctx);
                } catch (RuntimeException failure) {
                    LOG.warn("mechanism driver {} failed on {} {} {}", r.driver().name(), e.event(), e.resource(),
                            e.id(), failure);
                }
            }
        }
    }

    /**
     * As ML2's NetworkContext and PortContext: a network's segments, or a port's network's, as
     * they are in the database (none once the network is gone, as Neutron's postcommit of a network
     * delete finds), and a port's {@code binding:host_id} (null when unset).
     */
    private MechanismContext context(ResourceEvent e) {
        Map<String, Object> resource = e.state() != null ? e.state() : e.original();
        String network = switch (e.resource()) {
            case NETWORK -> e.id();
            case PORT -> resource == null ? null : (String) resource.get("network_id");
            default -> null;
        };
        List<Map<String, Object>> segments = network == null ? List.of() : jpa.txExpr(TransactionType.Supports,
                em -> {
                    NetworkEntity n = em.find(NetworkEntity.class, network);
                    return n == null ? List.of() : n.segmentViews();
                });
        Object host = PORT.equals(e.resource()) && resource != null ? resource.get(HOST) : null;
        return new MechanismContext(e.context(), e.state(), e.original(), segments,
                host instanceof String h && !h.isEmpty() ? h : null);
    }

    /** The first driver's binding for a port, or null when none binds it. */
    public PortBinding bindPort(MechanismContext context) {
        for (Ranked r : drivers) {
            PortBinding b = r.driver().bindPort(context);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static BiConsumer<MechanismDriver, MechanismContext> call(String resource, Event event) {
        return switch (resource + ":" + event) {
            case "network:PRECOMMIT_CREATE" -> MechanismDriver::createNetworkPrecommit;
            case "network:AFTER_CREATE" -> MechanismDriver::createNetworkPostcommit;
            case "network:PRECOMMIT_UPDATE" -> MechanismDriver::updateNetworkPrecommit;
            case "network:AFTER_UPDATE" -> MechanismDriver::updateNetworkPostcommit;
            case "network:PRECOMMIT_DELETE" -> MechanismDriver::deleteNetworkPrecommit;
            case "network:AFTER_DELETE" -> MechanismDriver::deleteNetworkPostcommit;
            case "subnet:PRECOMMIT_CREATE" -> MechanismDriver::createSubnetPrecommit;
            case "subnet:AFTER_CREATE" -> MechanismDriver::createSubnetPostcommit;
            case "subnet:PRECOMMIT_UPDATE" -> MechanismDriver::updateSubnetPrecommit;
            case "subnet:AFTER_UPDATE" -> MechanismDriver::updateSubnetPostcommit;
            case "subnet:PRECOMMIT_DELETE" -> MechanismDriver::deleteSubnetPrecommit;
            case "subnet:AFTER_DELETE" -> MechanismDriver::deleteSubnetPostcommit;
            case "port:PRECOMMIT_CREATE" -> MechanismDriver::createPortPrecommit;
            case "port:AFTER_CREATE" -> MechanismDriver::createPortPostcommit;
            case "port:PRECOMMIT_UPDATE" -> MechanismDriver::updatePortPrecommit;
            case "port:AFTER_UPDATE" -> MechanismDriver::updatePortPostcommit;
            case "port:PRECOMMIT_DELETE" -> MechanismDriver::deletePortPrecommit;
            case "port:AFTER_DELETE" -> MechanismDriver::deletePortPostcommit;
            default -> null;
        };
    }
}
