package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** An OCI image manifest (or Docker's schema 2 manifest, the same shape). Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("config") Descriptor config,
    @JsonProperty("layers") List<Descriptor> layers,
    @JsonProperty("annotations") Map<String, String> annotations,
    @JsonProperty("subject") Descriptor subject) {}
