package org.nucleon.ml2.rbac;

import org.apache.aries.jpa.template.JpaTemplate;

/** The RBAC policy handler as DS wires it: on the unit, with the core plugin's object types. */
public final class TestRbac {
    private TestRbac() {
    }

    public static RbacPolicyHandler handler(JpaTemplate jpa) {
        RbacPolicyHandler h = new RbacPolicyHandler();
        h.jpa = jpa;
        CoreObjectTypes.all(jpa).forEach(h::addType);
        return h;
    }
}
