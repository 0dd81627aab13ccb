package org.nucleon.api.extension;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One attribute of a resource, as an entry of Neutron's RESOURCE_ATTRIBUTE_MAP: what the
 * generic controller needs to accept, default, convert, validate, filter, sort and show it.
 */
public final class AttributeDefinition {
    /** A default of ATTR_NOT_SPECIFIED: the attribute is optional and stays absent from the body. */
    public static final Object NOT_SPECIFIED = new Object() {
        @Override
        public String toString() {
            return "ATTR_NOT_SPECIFIED";
        }
    };

    /** One entry of the attribute's {@code validate} list: a validator name and its argument. */
    public record ValidatorSpec(String name, Object argument) {
    }

    private final String name;
    private final boolean allowPost;
    private final boolean allowPut;
    private final boolean hasDefault;
    private final Object defaultValue;
    private final List<ValidatorSpec> validators;
    private final String convertTo;
    private final String convertListTo;
    private final boolean visible;
    private final boolean filter;
    private final boolean sortKey;
    private final boolean primaryKey;
    private final boolean enforcePolicy;
    private final Map<String, Object> other;

    private AttributeDefinition(Builder b) {
        this.name = Objects.requireNonNull(b.name);
        this.allowPost = b.allowPost;
        this.allowPut = b.allowPut;
        this.hasDefault = b.hasDefault;
        this.defaultValue = b.defaultValue;
        this.validators = List.copyOf(b.validators);
        this.convertTo = b.convertTo;
        this.convertListTo = b.convertListTo;
        this.visible = b.visible;
        this.filter = b.filter;
        this.sortKey = b.sortKey;
        this.primaryKey = b.primaryKey;
        this.enforcePolicy = b.enforcePolicy;
        this.other = Map.copyOf(b.other);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() { return name; }
    public boolean allowPost() { return allowPost; }
    public boolean allowPut() { return allowPut; }
    /** Whether a POST may omit it; false means the attribute is required on create. */
    public boolean hasDefault() { return hasDefault; }
    /** The default, possibly {@link #NOT_SPECIFIED}; meaningful only when {@link #hasDefault()}. */
    public Object defaultValue() { return defaultValue; }
    public List<ValidatorSpec> validators() { return validators; }
    public String convertTo() { return convertTo; }
    public String convertListTo() { return convertListTo; }
    public boolean visible() { return visible; }
    public boolean filter() { return filter; }
    public boolean sortKey() { return sortKey; }
    public boolean primaryKey() { return primaryKey; }
    public boolean enforcePolicy() { return enforcePolicy; }
    /** Neutron's free-form extras (e.g. {@code dict_populate_defaults}). */
    public Map<String, Object> other() { return other; }

    public static final class Builder {
        private final String name;
        private boolean allowPost;
        private boolean allowPut;
        private boolean hasDefault;
        private Object defaultValue;
        private List<ValidatorSpec> validators = List.of();
        private String convertTo;
        private String convertListTo;
        private boolean visible;
        private boolean filter;
        private boolean sortKey;
        private boolean primaryKey;
        private boolean enforcePolicy;
        private Map<String, Object> other = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder allowPost(boolean v) { allowPost = v; return this; }
        public Builder allowPut(boolean v) { allowPut = v; return this; }
        public Builder defaultValue(Object v) { hasDefault = true; defaultValue = v; return this; }
        public Builder validators(List<ValidatorSpec> v) { validators = v; return this; }
        public Builder convertTo(String v) { convertTo = v; return this; }
        public Builder convertListTo(String v) { convertListTo = v; return this; }
        public Builder visible(boolean v) { visible = v; return this; }
        public Builder filter(boolean v) { filter = v; return this; }
        public Builder sortKey(boolean v) { sortKey = v; return this; }
        public Builder primaryKey(boolean v) { primaryKey = v; return this; }
        public Builder enforcePolicy(boolean v) { enforcePolicy = v; return this; }
        public Builder other(Map<String, Object> v) { other = v; return this; }

        public AttributeDefinition build() {
            return new AttributeDefinition(this);
        }
    }
}
