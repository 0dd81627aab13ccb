package org.nucleon.extensions.tags;

import java.io.Serializable;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * One tag of one resource of another plugin, known here only by collection and id (ids are
 * UUIDs, unique across collections). The key makes a tag unique per resource even when two
 * requests add it at once: the loser's transaction is retried and finds it there.
 */
@Entity
@Table(name = "tags", indexes = @Index(name = "ix_tags_type_tag", columnList = "resource_type,tag"))
@IdClass(TagEntity.Key.class)
public class TagEntity {
    @Id
    @Column(name = "resource_id", length = 36)
    String resourceId;

    @Id
    @Column(name = "tag", length = Tags.MAX_TAG_LEN)
    String tag;

    /** The collection, e.g. {@code networks}: the tag filters look within one. */
    @Column(name = "resource_type", length = 64, nullable = false)
    String resourceType;

    TagEntity() {
    }

    TagEntity(String resourceType, String resourceId, String tag) {
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.tag = tag;
    }

    /** The primary key: resource id and tag. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String resourceId;
        String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(resourceId, k.resourceId) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(resourceId, tag);
        }
    }
}
