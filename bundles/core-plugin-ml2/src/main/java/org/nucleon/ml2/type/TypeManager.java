package org.nucleon.ml2.type;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.persistence.EntityManager;
import org.nucleon.api.error.NeutronException;
import org.nucleon.ml2.spi.Segment;
import org.nucleon.ml2.spi.TypeDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neutron's ML2 TypeManager: picks the type driver of a segment among the TypeDriver services
 * whose type is listed in {@code type_drivers}, turns the provider attributes of a network into
 * reserved segments, allocates tenant segments in {@code tenant_network_types} order, and computes
 * the MTU a network's segments allow.
 */
@Component(service = TypeManager.class, configurationPid = Ml2Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class TypeManager {
    public static final String NETWORK_TYPE = "provider:network_type";
    public static final String PHYSICAL_NETWORK = "provider:physical_network";
    public static final String SEGMENTATION_ID = "provider:segmentation_id";
    public static final String SEGMENTS = "segments";
    public static final List<String> PROVIDER_ATTRIBUTES = List.of(NETWORK_TYPE, PHYSICAL_NETWORK, SEGMENTATION_ID);

    private static final Logger LOG = LoggerFactory.getLogger(TypeManager.class);

    private final Map<String, TypeDriver> drivers = new ConcurrentHashMap<>();
    private volatile Set<String> typeDrivers = Set.of();
    private volatile List<String> tenantNetworkTypes = List.of();
    private volatile int globalPhysnetMtu;

    @Activate
    @Modified
    public void configure(Map<String, Object> properties) {
        Ml2Config config = new Ml2Config(properties);
        typeDrivers = Set.copyOf(config.list(Ml2Config.TYPE_DRIVERS));
        List<String> tenant = config.list(Ml2Config.TENANT_NETWORK_TYPES);
        if (!typeDrivers.containsAll(tenant)) {
            // Neutron refuses to start; here the other types still serve
            LOG.error("tenant_network_types {} not all in type_drivers {}", tenant, typeDrivers);
        }
        tenantNetworkTypes = List.copyOf(tenant);
        globalPhysnetMtu = config.integer(Ml2Config.GLOBAL_PHYSNET_MTU);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addDriver(TypeDriver driver) {
        TypeDriver other = drivers.putIfAbsent(driver.networkType(), driver);
        if (other != null && other != driver) {
            LOG.warn("two type drivers for {}: keeping {}, ignoring {}", driver.networkType(), other, driver);
        }
    }

    public void removeDriver(TypeDriver driver) {
        drivers.remove(driver.networkType(), driver);
    }

    /** The driver of a type listed in type_drivers, or null. */
    private TypeDriver loaded(String networkType) {
        return typeDrivers.contains(networkType) ? drivers.get(networkType) : null;
    }

    /** The loaded driver of a type; 400 as Neutron's when the type is not loaded. */
    public TypeDriver driver(String networkType) {
        TypeDriver d = loaded(networkType);
        if (d == null) {
            throw NeutronException.invalidInput("network_type value '" + networkType + "' not supported");
        }
        return d;
    }

    /**
     * Reserves the segments a network create asks for (provider attributes or the multi-provider
     * list), or allocates a tenant segment when it asks for none.
     */
    public List<Segment> createSegments(EntityManager em, Map<String, Object> network) {
        List<Segment> requested = requestedSegments(network);
        if (requested.isEmpty()) {
            return List.of(allocateTenantSegment(em));
        }
        List<Segment> out = new ArrayList<>();
        for (Segment s : requested) {
            out.add(driver(s.networkType()).reserveProviderSegment(em, s));
        }
        return out;
    }

    /** The validated segments of a create body; empty for a tenant network. */
    List<Segment> requestedSegments(Map<String, Object> network) {
        if (PROVIDER_ATTRIBUTES.stream().anyMatch(network::containsKey)) {
            if (network.containsKey(SEGMENTS)) {
                throw new NeutronException(400, "SegmentsSetInConjunctionWithProviders",
                        "Segments and provider values cannot both be set.");
            }
            return List.of(validated(network));
        }
        List<Segment> out = new ArrayList<>();
        if (network.get(SEGMENTS) instanceof List<?> list) {
            for (Object s : list) {
                out.add(validated((Map<?, ?>) s));
            }
            Set<Segment> complete = new HashSet<>();
            for (Segment s : out) {
                if (!driver(s.networkType()).isPartialSegment(s) && !complete.add(s)) {
                    throw new NeutronException(400, "SegmentsContainDuplicateEntry",
                            "Duplicate segment entry in request.");
                }
            }
        }
        return out;
    }

    private Segment validated(Map<?, ?> attributes) {
        Object type = attributes.get(NETWORK_TYPE);
        if (type == null) {
            throw NeutronException.invalidInput("network_type required");
        }
        Segment s = new Segment((String) type, physicalNetwork(attributes.get(PHYSICAL_NETWORK)),
                segmentationId(attributes.get(SEGMENTATION_ID)));
        driver(s.networkType()).validateProviderSegment(s);
        return s;
    }

    /** An empty physical network means none, as Neutron's truthiness tests read it. */
    private static String physicalNetwork(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    /** The REST layer gave an Integer, a Long, or a BigInteger for values beyond a long. */
    static Long segmentationId(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw NeutronException.invalidInput("segmentation_id " + value + " is out of range");
    }

    private Segment allocateTenantSegment(EntityManager em) {
        if (tenantNetworkTypes.isEmpty()) {
            throw new NeutronException(503, "TenantNetworksDisabled", "Tenant network creation is not enabled.");
        }
        for (String type : tenantNetworkTypes) {
            TypeDriver d = loaded(type);
            Segment s = d == null ? null : d.allocateTenantSegment(em);
            if (s != null) {
                return s;
            }
        }
        throw Allocations.noNetworkAvailable();
    }

    /** Frees the segments of a deleted network; those of unloaded types are left as they are. */
    public void releaseSegments(EntityManager em, List<Segment> segments) {
        for (Segment s : segments) {
            TypeDriver d = loaded(s.networkType());
            if (d == null) {
                LOG.warn("no type driver for {} to release {}", s.networkType(), s);
            } else {
                d.releaseSegment(em, s);
            }
        }
    }

    /**
     * Moves a VLAN segment to another id, as Neutron allows for a single-segment VLAN network:
     * the new one is reserved before the old one is freed.
     */
    public Segment updateSegmentationId(EntityManager em, Segment current, long id) {
        if (!"vlan".equals(current.networkType())) {
            // Neutron's message ends in a period before InvalidInput adds its own
            throw NeutronException.invalidInput("Only VLAN type networks can be updated.");
        }
        TypeDriver d = driver(current.networkType());
        Segment wanted = current.withSegmentationId(id);
        d.validateProviderSegment(wanted);
        Segment reserved = d.reserveProviderSegment(em, wanted);
        d.releaseSegment(em, current);
        return reserved;
    }

    /**
     * The largest MTU the segments allow: the smallest limit among them, or the global physical
     * network MTU when none has one (local networks), as Neutron's {@code _get_network_mtu}.
     */
    public int maxMtu(List<Segment> segments) {
        int max = Integer.MAX_VALUE;
        for (Segment s : segments) {
            TypeDriver d = loaded(s.networkType());
            int mtu = d == null ? 0 : d.mtu(s.physicalNetwork());
            if (mtu > 0) {
                max = Math.min(max, mtu);
            }
        }
        return max == Integer.MAX_VALUE ? globalPhysnetMtu : max;
    }
}
