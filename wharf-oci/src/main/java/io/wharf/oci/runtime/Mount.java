package io.wharf.oci.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A mount as data, in the OCI runtime spec's shape ({@code config.json} {@code mounts}): the
 * snapshotter hands these out and never mounts anything itself (containerd's "mounts are the
 * lingua franca"); wharf-sys performs them. Immutable.
 *
 * @param destination where it goes in the container ("" for a root file system)
 * @param type the file system type ({@code overlay}, {@code bind}, {@code tmpfs} …)
 * @param source what is mounted
 * @param options mount options, as {@code mount -o} takes them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mount(
    @JsonProperty("destination") String destination,
    @JsonProperty("type") String type,
    @JsonProperty("source") String source,
    @JsonProperty("options") List<String> options) {}
