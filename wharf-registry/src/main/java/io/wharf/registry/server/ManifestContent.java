package io.wharf.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Digest;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the registry needs to know of a pushed manifest: its media type, the blobs (config,
 * layers) and manifests (an index's children) it references, its {@code subject}, {@code
 * artifactType} and annotations. Read leniently (unknown fields are the client's business) but
 * refused with {@code MANIFEST_INVALID} when it is not JSON, not schema version 2, of a media type
 * this registry does not store, or its {@code mediaType} field contradicts the Content-Type.
 * Immutable.
 */
record ManifestContent(
    String mediaType, List<Digest> blobs, List<Digest> manifests, Digest subject, String artifactType,
    Map<String, String> annotations) {

  static final Set<String> MEDIA_TYPES =
      Set.of(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST);

  /** Parses {@code bytes} pushed with {@code contentType} (null when the client sent none). */
  static ManifestContent parse(byte[] bytes, String contentType) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw invalid("manifest is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("manifest is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    if (root.path("schemaVersion").asInt() != 2) {
      throw invalid("schemaVersion must be 2");
    }
    String declared = root.path("mediaType").asText(null);
    String type = contentType == null ? declared : contentType;
    if (type == null) {
      throw invalid("no Content-Type and no mediaType");
    }
    if (declared != null && !declared.equals(type)) {
      throw invalid("mediaType " + declared + " does not match Content-Type " + type);
    }
    if (!MEDIA_TYPES.contains(type)) {
      throw invalid("unsupported manifest media type " + type);
    }
    List<Digest> blobs = new ArrayList<>();
    List<Digest> manifests = new ArrayList<>();
    String artifactType = root.path("artifactType").asText(null);
    if (MediaTypes.isIndex(type)) {
      digests(root.path("manifests"), "manifests", manifests);
    } else {
      JsonNode config = root.path("config");
      if (!config.isObject()) {
        throw invalid("an image manifest needs a config descriptor");
      }
      blobs.add(digest(config, "config"));
      digests(root.path("layers"), "layers", blobs);
      if (artifactType == null) {
        artifactType = config.path("mediaType").asText(null);
      }
    }
    JsonNode subjectNode = root.path("subject");
    Digest subject = subjectNode.isObject() ? digest(subjectNode, "subject") : null;
    return new ManifestContent(type, List.copyOf(blobs), List.copyOf(manifests), subject, artifactType,
        annotations(root.path("annotations")));
  }

  /** The descriptor of this manifest in a referrers index. */
  Map<String, Object> descriptor(Digest digest, long size) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest.toString());
    d.put("size", size);
    if (artifactType != null) {
      d.put("artifactType", artifactType);
    }
    if (!annotations.isEmpty()) {
      d.put("annotations", annotations);
    }
    return d;
  }

  private static void digests(JsonNode array, String field, List<Digest> into) {
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      throw invalid(field + " must be an array");
    }
    for (JsonNode descriptor : array) {
      into.add(digest(descriptor, field));
    }
  }

  private static Digest digest(JsonNode descriptor, String field) {
    try {
      return Digest.parse(descriptor.path("digest").asText(""));
    } catch (InvalidArgument e) {
      throw invalid(field + ": " + e.getMessage());
    }
  }

  private static Map<String, String> annotations(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(out);
  }

  private static RegistryException invalid(String detail) {
    return RegistryException.of(ErrorCode.MANIFEST_INVALID, detail);
  }
}
