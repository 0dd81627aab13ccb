package org.nucleon.api.validation;

import org.nucleon.api.error.NeutronException;

/**
 * A named value conversion, as neutron-lib's {@code converters}; runs before validation.
 * A value that cannot be converted throws {@link NeutronException#invalidInput(String)}.
 */
@FunctionalInterface
public interface Converter {
    Object convert(Object value);
}
