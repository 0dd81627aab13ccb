package org.nucleon.example.widgets;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of the vendor's {@code example_widgets} table. */
@Entity
@Table(name = "example_widgets")
public class WidgetEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255)
    String projectId;

    @Column(length = 255)
    String name;

    @Column(length = 16)
    String color;
}
