package org.nucleon.extensions.quotas;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of projects without limits of their own: Neutron's {@code [quotas]} options, read
 * from the PID {@code org.nucleon.quotas}. {@code quota_<resource>} sets one resource's default,
 * {@code default_quota} every other one's, as Neutron's BaseResource.default does; negative
 * means unlimited.
 */
record QuotaDefaults(Map<String, Integer> perResource, int defaultQuota) {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaDefaults.class);
    private static final String PREFIX = "quota_";
    private static final String DEFAULT_QUOTA = "default_quota";

    /** Neutron's own defaults ({@code neutron/conf/quota.py}). */
    static final QuotaDefaults NEUTRON = new QuotaDefaults(Map.of("network", 100, "subnet", 100, "port", 500,
            "router", 10, "floatingip", 50, "security_group", 10, "security_group_rule", 100, "rbac_policy", 10), -1);

    QuotaDefaults {
        perResource = Map.copyOf(perResource);
    }

    int limit(String resource) {
        return perResource.getOrDefault(resource, defaultQuota);
    }

    /** Neutron's defaults with what the configuration sets; a value that is no integer is logged and ignored. */
    static QuotaDefaults from(Map<String, ?> properties) {
        Map<String, Integer> per = new HashMap<>(NEUTRON.perResource);
        int fallback = NEUTRON.defaultQuota;
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            if (!key.equals(DEFAULT_QUOTA) && !key.startsWith(PREFIX)) {
                continue;
            }
            Integer value = integer(key, e.getValue());
            if (value == null) {
                continue;
            }
            if (key.equals(DEFAULT_QUOTA)) {
                fallback = value;
            } else {
                per.put(key.substring(PREFIX.length()), value);
            }
        }
        return new QuotaDefaults(per, fallback);
    }

    private static Integer integer(String key, Object value) {
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            LOG.warn("org.nucleon.quotas: {} = '{}' is not an integer; Neutron's default applies", key, value);
            return null;
        }
    }
}
