package org.nucleon.api.persistence;

import java.util.ArrayList;
import java.util.List;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A test entity that maps a collection, as a network maps its segments. */
@Entity
@Table(name = "boxes")
public class BoxEntity {
    @Id
    @Column(length = 36)
    String id;

    @ElementCollection
    @CollectionTable(name = "box_labels")
    List<String> labels = new ArrayList<>();

    protected BoxEntity() {
    }

    BoxEntity(String id, String... labels) {
        this.id = id;
        this.labels.addAll(List.of(labels));
    }
}
