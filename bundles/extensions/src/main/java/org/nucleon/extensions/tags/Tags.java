package org.nucleon.extensions.tags;

import java.util.List;
import java.util.Map;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.validation.Validator;
import org.nucleon.api.validation.Validators;

/** Neutron's checks of tags ({@code neutron/extensions/tagging.py}: validate_tag, validate_tags). */
final class Tags {
    static final String TAGS = "tags";
    static final int MAX_TAG_LEN = 255;
    /** Tags one resource may have. */
    static final int MAX_TAGS_COUNT = 50;

    private static final Validator STRING = Validators.get("type:string");
    private static final Validator UNIQUE_STRINGS = Validators.get("type:list_of_unique_strings");

    private Tags() {
    }

    /** One tag, as a path names it. */
    static String checked(String tag) {
        String msg = STRING.validate(tag, MAX_TAG_LEN);
        if (msg != null) {
            throw NeutronException.invalidInput(msg);
        }
        return tag;
    }

    /** The tags of a body {@code {"tags": [...]}}: unique strings of at most 255 characters. */
    @SuppressWarnings("unchecked")
    static List<String> checkedBody(Object body) {
        if (!(body instanceof Map<?, ?> m) || !m.containsKey(TAGS)) {
            throw NeutronException.invalidInput("Invalid tags body");
        }
        String msg = UNIQUE_STRINGS.validate(m.get(TAGS), MAX_TAG_LEN);
        if (msg != null) {
            throw NeutronException.invalidInput(msg);
        }
        return (List<String>) m.get(TAGS);
    }

    /** Refuses a resource more than {@link #MAX_TAGS_COUNT} tags. */
    static void checkCount(int count) {
        if (count > MAX_TAGS_COUNT) {
            throw NeutronException.invalidInput("The number of tags exceeds the limit of " + MAX_TAGS_COUNT
                    + " per resource");
        }
    }
}
