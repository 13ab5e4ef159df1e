package io.wharf.engine.network;

import java.util.Map;

/**
 * {@code docker network create}, in engine terms. Null fields take Docker's defaults: driver
 * {@code bridge}, a subnet from the default pools, its first address as gateway.
 */
public record NetworkCreateRequest(String name, String driver, String subnet, String ipRange, String gateway,
    boolean internal, boolean attachable, Map<String, String> labels, Map<String, String> options) {}
