package io.wharf.daemon.routes;

import io.wharf.api.JsonMessage;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.engine.image.PullProgress;
import io.wharf.oci.Json;
import io.wharf.registry.client.Auth;
import io.wharf.registry.client.Credentials;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What pull and push share on the wire: the {@code X-Registry-Auth} header (base64url JSON of
 * {@code username}, {@code password}, {@code serveraddress}, {@code identitytoken}) as
 * credentials, and progress as Docker's JSON message stream.
 */
final class RegistryAuth {
  private RegistryAuth() {}

  static Credentials credentials(ApiRequest request) {
    try {
      Map<String, Object> json = decode(request.header("X-Registry-Auth"));
      Auth auth = json == null ? null : auth(json);
      if (auth == null) {
        return Credentials.none();
      }
      String server = (String) json.getOrDefault("serveraddress", "");
      return server == null || server.isEmpty() ? registry -> java.util.Optional.of(auth) : Credentials.of(host(server), auth);
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      return Credentials.none(); // Docker ignores an unreadable header and goes anonymous
    }
  }

  /**
   * A build's {@code X-Registry-Config}: base64 JSON of server address → auth config, the
   * docker CLI's every stored login, for pulling base images. Unreadable: none, as Docker.
   */
  @SuppressWarnings("unchecked")
  static Credentials buildCredentials(ApiRequest request) {
    try {
      Map<String, Object> json = decode(request.header("X-Registry-Config"));
      if (json == null) {
        return Credentials.none();
      }
      Map<String, Auth> byHost = new LinkedHashMap<>();
      json.forEach((server, config) -> {
        Auth auth = auth((Map<String, Object>) config);
        if (auth != null) {
          byHost.put(host(server), auth);
        }
      });
      return registry -> java.util.Optional.ofNullable(byHost.get(registry));
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      return Credentials.none();
    }
  }

  /** The JSON object a header carries in base64 (URL-safe or not, padded or not); null for none. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> decode(String header) throws IOException {
    if (header == null || header.isBlank()) {
      return null;
    }
    byte[] json = Base64.getUrlDecoder().decode(header.strip().replace('+', '-').replace('/', '_').replace("=", ""));
    return Json.MAPPER.readValue(json, Map.class);
  }

  /** Docker's auth config as credentials: null when it names neither a user nor a token. */
  private static Auth auth(Map<String, Object> config) {
    String username = (String) config.get("username");
    String password = (String) config.get("password");
    String token = (String) config.get("identitytoken");
    if ((username == null || username.isEmpty()) && (token == null || token.isEmpty())) {
      return null;
    }
    return new Auth(username, password, token);
  }

  /** {@code https://index.docker.io/v1/} → {@code docker.io}, {@code localhost:5000} as it is. */
  static String host(String server) {
    String s = server.replaceFirst("^https?://", "");
    int slash = s.indexOf('/');
    s = slash < 0 ? s : s.substring(0, slash);
    return s.equals("index.docker.io") || s.equals("registry-1.docker.io") ? "docker.io" : s;
  }

  /** Progress lines as {@code {"status","id","progressDetail","progress"}}, begun at the first. */
  static final class Progress extends LazyMessages implements Consumer<PullProgress> {
    Progress(ApiResponse response) {
      super(response);
    }

    @Override
    public void accept(PullProgress p) {
      Map<String, Object> detail = p.total() > 0 ? Map.of("current", p.current(), "total", p.total()) : Map.of();
      send(new JsonMessage(null, p.status(), p.id(), null, p.id() == null ? null : new LinkedHashMap<>(detail), null,
          null, null));
    }
  }
}
