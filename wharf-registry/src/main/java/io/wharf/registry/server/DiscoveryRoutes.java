package io.wharf.registry.server;

import io.wharf.oci.Digest;
import io.wharf.oci.image.MediaTypes;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Content discovery: {@code GET /v2/<name>/tags/list} and {@code GET /v2/_catalog}, both in
 * lexical order with {@code n}/{@code last} pagination and an RFC 5988 {@code Link} to the next
 * page, and {@code GET /v2/<name>/referrers/<digest>}, an OCI index of the manifests whose
 * {@code subject} is the digest (empty, not 404, for an unknown digest, as the spec says).
 * Thread-safe.
 */
final class DiscoveryRoutes {
  private final Repositories repositories;
  private final ManifestStore manifests;

  DiscoveryRoutes(Repositories repositories, ManifestStore manifests) {
    this.repositories = repositories;
    this.manifests = manifests;
  }

  void tags(Exchange ex) throws IOException {
    RepositoryName name = ex.name();
    if (!repositories.exists(name)) {
      throw RegistryException.of(ErrorCode.NAME_UNKNOWN, Map.of("name", name.value()));
    }
    List<String> tags = page(ex, repositories.tags(name), "/v2/" + name + "/tags/list");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name.value());
    body.put("tags", tags);
    ex.sendJson(200, body, Exchange.JSON);
  }

  void catalog(Exchange ex) throws IOException {
    List<String> names = repositories.names().stream().map(RepositoryName::value).toList();
    ex.sendJson(200, Map.of("repositories", page(ex, names, "/v2/_catalog")), Exchange.JSON);
  }

  void referrers(Exchange ex) throws IOException {
    RepositoryName name = ex.name();
    Digest subject = ex.digestPart("digest");
    String artifactType = ex.query("artifactType");
    if (artifactType != null) {
      ex.header("OCI-Filters-Applied", "artifactType");
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.put("manifests", manifests.referrers(name, subject, artifactType));
    ex.sendJson(200, index, MediaTypes.OCI_INDEX);
  }

  /** The entries after {@code last}, at most {@code n}; sets {@code Link} when more follow. */
  private static List<String> page(Exchange ex, List<String> sorted, String path) {
    String last = ex.query("last");
    List<String> after = last == null ? sorted : sorted.stream().filter(s -> s.compareTo(last) > 0).toList();
    String nText = ex.query("n");
    if (nText == null) {
      return after;
    }
    int n;
    try {
      n = Integer.parseInt(nText);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      throw RegistryException.of(ErrorCode.PAGINATION_NUMBER_INVALID, Map.of("n", nText));
    }
    if (after.size() <= n) {
      return after;
    }
    List<String> page = after.subList(0, n);
    if (n > 0) {
      String next = path + "?n=" + n + "&last=" + URLEncoder.encode(page.getLast(), StandardCharsets.UTF_8);
      ex.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return page;
  }
}
