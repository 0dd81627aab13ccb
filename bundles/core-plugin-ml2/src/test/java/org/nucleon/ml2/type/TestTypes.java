package org.nucleon.ml2.type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A TypeManager with all drivers of this bundle, configured as DS would from the PID's properties. */
public final class TestTypes {
    private TestTypes() {
    }

    /** @param overrides key, value, key, value ... over the defaults */
    public static TypeManager manager(String... overrides) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            p.put(overrides[i], overrides[i + 1]);
        }
        TypeManager m = new TypeManager();
        m.configure(p);
        for (AbstractTypeDriver d : List.of(new FlatTypeDriver(), new VlanTypeDriver(), new VxlanTypeDriver(),
                new GreTypeDriver(), new GeneveTypeDriver(), new LocalTypeDriver())) {
            d.configure(new Ml2Config(p));
            m.addDriver(d);
        }
        return m;
    }
}
