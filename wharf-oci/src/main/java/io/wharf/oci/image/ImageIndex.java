package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** An OCI image index (or Docker's manifest list), also an OCI layout's index.json. Immutable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageIndex(
    @JsonProperty("schemaVersion") int schemaVersion,
    @JsonProperty("mediaType") String mediaType,
    @JsonProperty("manifests") List<Descriptor> manifests,
    @JsonProperty("annotations") Map<String, String> annotations) {}
