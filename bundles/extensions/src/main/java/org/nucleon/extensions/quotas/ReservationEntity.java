package org.nucleon.extensions.quotas;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * Room held for items being created, as Neutron's {@code reservations} with their
 * {@code resourcedeltas} (a create reserves one resource, so one row carries both).
 */
@Entity
@Table(name = "quotareservations", indexes = @Index(name = "ix_quotareservations_project_id_resource",
        columnList = "project_id,resource"))
public class ReservationEntity {
    @Id
    @Column(length = 36)
    String id;

    @Column(name = "project_id", length = 255, nullable = false)
    String projectId;

    @Column(length = 255, nullable = false)
    String resource;

    int amount;

    /** Epoch milliseconds after which the reservation no longer holds room. */
    long expiration;
}
