package org.nucleon.internal.controller;

/**
 * Settings of the API layer, from Config Admin (PID {@code org.nucleon.api}).
 *
 * @param allowBulk          Neutron's allow_bulk
 * @param paginationMaxLimit Neutron's pagination_max_limit; 0 or less for no cap
 * @param maxRequestBodySize bytes; larger bodies get 413, as oslo.middleware's sizelimit does
 */
public record ApiConfig(boolean allowBulk, int paginationMaxLimit, int maxRequestBodySize) {
    public static final ApiConfig DEFAULTS = new ApiConfig(true, -1, 1024 * 1024);
}
