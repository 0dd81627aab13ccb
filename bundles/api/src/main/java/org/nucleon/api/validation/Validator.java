package org.nucleon.api.validation;

/**
 * A named check of an attribute value, as neutron-lib's {@code validators}: returns
 * {@code null} when the value is valid, else the reason (neutron-lib's message text).
 * Values are plain JSON values: String, Boolean, Integer/Long/Double, List, Map or null.
 */
@FunctionalInterface
public interface Validator {
    String validate(Object value, Object argument);
}
