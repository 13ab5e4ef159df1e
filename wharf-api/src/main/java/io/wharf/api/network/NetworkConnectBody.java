package io.wharf.api.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.api.container.ContainerCreateBody;

/**
 * The body of {@code POST /networks/{id}/connect} ({@code EndpointConfig} as at create) and of
 * {@code /disconnect} ({@code Force}).
 */
public record NetworkConnectBody(
    @JsonProperty("Container") String container,
    @JsonProperty("EndpointConfig") ContainerCreateBody.EndpointConfig endpointConfig,
    @JsonProperty("Force") Boolean force) {}
