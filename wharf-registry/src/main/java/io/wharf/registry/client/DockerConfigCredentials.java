package io.wharf.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.oci.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials as the docker CLI keeps them in {@code config.json}: {@code credHelpers} names
 * a helper per registry, {@code credsStore} one helper for all, and {@code auths} holds
 * base64 {@code user:password} pairs (and identity tokens) for the rest. Docker Hub is stored
 * under {@code https://index.docker.io/v1/}, other registries under {@code host[:port]}.
 *
 * <p>The file is read at each lookup, so a login by another process counts at once;
 * {@link #store} and {@link #erase} are what {@code docker login} and {@code docker logout}
 * do to it. A missing file means no credentials. Thread-safe; concurrent writers of one file
 * are not coordinated (the docker CLI does not either).
 */
public final class DockerConfigCredentials implements Credentials {
  private final Path file;
  private final CredentialHelper helpers;

  /** {@code file}'s credentials, helpers run from {@code PATH}. */
  public DockerConfigCredentials(Path file) {
    this(file, CredentialHelper.onPath());
  }

  public DockerConfigCredentials(Path file, CredentialHelper helpers) {
    this.file = file;
    this.helpers = helpers;
  }

  /** Where the docker CLI keeps it: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static Path defaultLocation() {
    String dir = System.getenv("DOCKER_CONFIG");
    return dir != null && !dir.isEmpty()
        ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  @Override
  public Optional<Auth> forRegistry(String registry) throws IOException {
    ObjectNode config = read();
    String server = serverUrl(registry);
    String helper = helperFor(config, registry);
    if (helper != null) {
      Optional<Auth> fromHelper = helpers.get(helper, server);
      if (fromHelper.isPresent() || entry(config.path("credHelpers"), registry) != null) {
        return fromHelper;
      }
    }
    JsonNode auth = entry(config.path("auths"), registry);
    return auth == null ? Optional.empty() : decode(auth);
  }

  /** Keeps {@code auth} for {@code registry}: in its helper if one is configured, else in {@code auths}. */
  public void store(String registry, Auth auth) throws IOException {
    ObjectNode config = read();
    String server = serverUrl(registry);
    ObjectNode auths = config.has("auths") && config.get("auths").isObject() ? (ObjectNode) config.get("auths") : config.putObject("auths");
    removeEntries(auths, registry);
    ObjectNode entry = auths.putObject(server);
    String helper = helperFor(config, registry);
    if (helper != null) {
      helpers.store(helper, server, auth);
    } else if (auth.identityToken() != null) {
      entry.put("identitytoken", auth.identityToken());
    } else {
      String pair = auth.username() + ":" + auth.password();
      entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    write(config);
  }

  /** Forgets {@code registry}'s credentials, in its helper and in {@code auths}. */
  public void erase(String registry) throws IOException {
    ObjectNode config = read();
    String helper = helperFor(config, registry);
    if (helper != null) {
      helpers.erase(helper, serverUrl(registry));
    }
    if (config.get("auths") instanceof ObjectNode auths && removeEntries(auths, registry)) {
      write(config);
    }
  }

  /** The key the docker CLI uses: Docker Hub's legacy URL, or the host. */
  static String serverUrl(String registry) {
    String normalized = Hosts.normalize(registry);
    return normalized.equals(Hosts.HUB) ? Hosts.HUB_AUTH_KEY : normalized;
  }

  private static String helperFor(JsonNode config, String registry) {
    JsonNode specific = entry(config.path("credHelpers"), registry);
    if (specific != null && specific.isTextual() && !specific.asText().isEmpty()) {
      return specific.asText();
    }
    String store = config.path("credsStore").asText("");
    return store.isEmpty() ? null : store;
  }

  /** The value under the key that names {@code registry}, however it is spelled. */
  private static JsonNode entry(JsonNode map, String registry) {
    String wanted = Hosts.normalize(registry);
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      if (Hosts.normalize(entry.getKey()).equals(wanted)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static boolean removeEntries(ObjectNode auths, String registry) {
    String wanted = Hosts.normalize(registry);
    return auths.properties().removeIf(entry -> Hosts.normalize(entry.getKey()).equals(wanted));
  }

  private static Optional<Auth> decode(JsonNode entry) throws IOException {
    String identityToken = entry.path("identitytoken").asText("");
    String encoded = entry.path("auth").asText("");
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    if (!encoded.isEmpty()) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException("invalid auth configuration file: the auth entry is not base64", e);
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new IOException("invalid auth configuration file: the auth entry is not user:password");
      }
      user = pair.substring(0, colon);
      password = pair.substring(colon + 1);
    }
    if (!identityToken.isEmpty()) {
      return Optional.of(new Auth(user.isEmpty() ? null : user, null, identityToken));
    }
    return user.isEmpty() && password.isEmpty() ? Optional.empty() : Optional.of(Auth.basic(user, password));
  }

  private ObjectNode read() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Json.MAPPER.createObjectNode();
    }
    if (bytes.length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode root = Json.MAPPER.readTree(bytes);
    if (!(root instanceof ObjectNode object)) {
      throw new IOException(file + " is not a JSON object");
    }
    return object;
  }

  /** Replaces the file whole, readable by its owner only: it holds passwords. */
  private void write(ObjectNode config) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "config.json", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions will have to do
      }
      Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
