package org.nucleon.api.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** A standard-attr resource for ListQueriesTest. */
@Entity
@Table(name = "gadgets", indexes = @Index(name = "ix_gadgets_name", columnList = "name"))
public class GadgetEntity extends StandardAttributes {
    @Id
    @Column(length = 36)
    String id;

    @Column(length = 255)
    String name;

    GadgetEntity() {
    }

    GadgetEntity(String id, String name) {
        this.id = id;
        this.name = name;
    }
}
