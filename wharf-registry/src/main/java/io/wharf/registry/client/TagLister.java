package io.wharf.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.ImageReference;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists a repository's tags ({@code GET /v2/<path>/tags/list}), following the
 * {@code Link: <…>; rel="next"} pages, for {@code docker pull --all-tags}. Thread-safe.
 */
final class TagLister {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
  private static final int PAGE = 1000;
  /** Enough for any real repository; a registry whose pages loop must not loop us forever. */
  private static final int MAX_PAGES = 10_000;

  private final Transport transport;

  TagLister(Transport transport) {
    this.transport = transport;
  }

  List<String> list(Endpoint endpoint, ImageReference ref) throws IOException {
    List<String> tags = new ArrayList<>();
    URI page = endpoint.uri("/v2/" + ref.path() + "/tags/list?n=" + PAGE);
    for (int pages = 0; page != null; pages++) {
      if (pages == MAX_PAGES) {
        throw new IOException("the tag list of " + ref.familiarName() + " has more than " + MAX_PAGES + " pages");
      }
      HttpResponse<InputStream> response = transport.send(endpoint, Scopes.pull(ref.path()), Transport.Call.of("GET", page, Map.of()));
      Transport.expect(response, 200);
      try (InputStream in = response.body()) {
        JsonNode body = Json.MAPPER.readTree(in.readNBytes(ManifestResolver.MAX_MANIFEST_BYTES));
        body.path("tags").forEach(tag -> tags.add(tag.asText()));
      }
      Matcher next = NEXT.matcher(response.headers().firstValue("Link").orElse(""));
      page = next.find() ? page.resolve(next.group(1)) : null;
    }
    return tags;
  }
}
