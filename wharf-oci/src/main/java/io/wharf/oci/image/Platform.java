package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The platform of an image in an index. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    @JsonProperty("variant") String variant) {}
