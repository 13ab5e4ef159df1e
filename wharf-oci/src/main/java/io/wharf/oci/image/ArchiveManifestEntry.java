package io.wharf.oci.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One image of the {@code manifest.json} of a {@code docker save} archive: paths inside the
 * archive of its config and layers, and its tags. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveManifestEntry(
    @JsonProperty("Config") String config,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("Layers") List<String> layers,
    @JsonProperty("LayerSources") Map<String, Descriptor> layerSources) {}
