package org.nucleon.extensions.quotas;

import java.io.Serializable;
import java.util.Objects;

/** The key of a project's row about one resource: its limit, or its usage lock. */
public class ProjectResource implements Serializable {
    private static final long serialVersionUID = 1L;
    String projectId;
    String resource;

    public ProjectResource() {
    }

    ProjectResource(String projectId, String resource) {
        this.projectId = projectId;
        this.resource = resource;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectResource k && Objects.equals(projectId, k.projectId)
                && Objects.equals(resource, k.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(projectId, resource);
    }
}
