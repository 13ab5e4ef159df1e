package io.wharf.cli.auth;

import io.wharf.client.JsonValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The docker CLI's {@code config.json} as {@code docker login}, {@code logout}, {@code pull}
 * and {@code push} use it ({@code cli/config/configfile}): credentials for a server live in the
 * helper {@code credHelpers} names for it, else in the {@code credsStore} helper, else in
 * {@code auths} as {@code {"auth": base64(user:password)}}. A helper's servers still get an
 * empty {@code auths} entry, as docker writes it. Keys this class does not know are kept.
 *
 * <p>Loaded once per command; {@link #store} and {@link #erase} write the file at once
 * (whole, through a temporary file, mode 0600, tab-indented as docker writes it). Not
 * thread-safe.
 */
public final class DockerConfigFile {
  private final Path file;
  private final String searchPath;
  private final Map<String, Object> config;

  private DockerConfigFile(Path file, String searchPath, Map<String, Object> config) {
    this.file = file;
    this.searchPath = searchPath;
    this.config = config;
  }

  /**
   * Where docker keeps it: {@code $DOCKER_CONFIG/config.json}, else
   * {@code $HOME/.docker/config.json}.
   */
  public static Path location(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir, "config.json");
    }
    String home = env.get("HOME");
    return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".docker", "config.json");
  }

  /** The file of {@code env}'s user, helpers looked for on {@code env}'s {@code PATH}. */
  public static DockerConfigFile load(Map<String, String> env) throws IOException {
    return load(location(env), env.get("PATH"));
  }

  /** {@code file} (none yet is an empty configuration), helpers looked for in {@code searchPath}. */
  @SuppressWarnings("unchecked")
  public static DockerConfigFile load(Path file, String searchPath) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      text = "";
    }
    Map<String, Object> config = new LinkedHashMap<>();
    if (!text.isBlank()) {
      Object json;
      try {
        json = JsonValues.read(text);
      } catch (UncheckedIOException e) {
        throw new IOException("loading config file: " + file + ": " + e.getCause().getMessage(), e);
      }
      if (!(json instanceof Map<?, ?> map)) {
        throw new IOException("loading config file: " + file + ": not a JSON object");
      }
      config.putAll((Map<String, Object>) map);
    }
    return new DockerConfigFile(file, searchPath, config);
  }

  public Path file() {
    return file;
  }

  /**
   * The credentials for {@code server} (a key as {@link RegistryKeys} makes it); empty when
   * there are none. A helper that holds nothing counts as none; a helper that fails throws.
   */
  public Optional<AuthConfig> get(String server) throws IOException {
    CredentialHelper helper = helperFor(server);
    if (helper != null) {
      return helper.get(server);
    }
    Map<String, Object> auths = auths(false);
    Object entry = auths.get(server);
    if (entry == null) {
      for (Map.Entry<String, Object> candidate : auths.entrySet()) {
        if (server.equals(RegistryKeys.hostname(candidate.getKey()))) {
          entry = candidate.getValue();
          break;
        }
      }
    }
    return entry instanceof Map<?, ?> map ? decode(map, server) : Optional.empty();
  }

  /**
   * Every stored login, as docker gathers them for a build's {@code X-Registry-Config}: each
   * server of {@code auths} and {@code credHelpers}, read through its helper where it has one.
   * Servers whose helper holds nothing are left out.
   */
  public Map<String, AuthConfig> all() throws IOException {
    java.util.Set<String> servers = new java.util.LinkedHashSet<>(auths(false).keySet());
    if (config.get("credHelpers") instanceof Map<?, ?> helpers) {
      helpers.keySet().forEach(k -> servers.add(String.valueOf(k)));
    }
    Map<String, AuthConfig> all = new LinkedHashMap<>();
    for (String server : servers) {
      get(server).filter(a -> !a.isEmpty()).ifPresent(a -> all.put(server, a));
    }
    return all;
  }

  /**
   * Keeps {@code auth} under its server address: in its helper when one is configured, else in
   * {@code auths}. True when a password went into the file itself, which docker warns about.
   */
  public boolean store(AuthConfig auth) throws IOException {
    String server = auth.serverAddress();
    CredentialHelper helper = helperFor(server);
    Map<String, Object> entry = new LinkedHashMap<>();
    if (helper != null) {
      helper.store(auth);
    } else {
      if (!auth.username().isEmpty() || !auth.password().isEmpty()) {
        String pair = auth.username() + ":" + auth.password();
        entry.put("auth", Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      if (!auth.identityToken().isEmpty()) {
        entry.put("identitytoken", auth.identityToken());
      }
    }
    auths(true).put(server, entry);
    save();
    return helper == null && !auth.password().isEmpty();
  }

  /**
   * Forgets {@code server}'s credentials, in its helper and in {@code auths}; writes the file
   * only when {@code auths} held the server. A helper's failure is thrown after that.
   */
  public void erase(String server) throws IOException {
    CredentialHelper helper = helperFor(server);
    IOException failure = null;
    if (helper != null) {
      try {
        helper.erase(server);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (auths(false).containsKey(server)) {
      auths(true).remove(server);
      save();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The helper for {@code server}: its {@code credHelpers} entry, else {@code credsStore}; null for none. */
  private CredentialHelper helperFor(String server) {
    String name = config.get("credHelpers") instanceof Map<?, ?> helpers && helpers.get(server) instanceof String s
        ? s : null;
    if (name == null || name.isEmpty()) {
      name = config.get("credsStore") instanceof String s ? s : null;
    }
    return name == null || name.isEmpty() ? null : new CredentialHelper(name, searchPath);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> auths(boolean create) {
    if (config.get("auths") instanceof Map<?, ?> map) {
      Map<String, Object> mutable = new LinkedHashMap<>((Map<String, Object>) map);
      config.put("auths", mutable);
      return mutable;
    }
    if (create) {
      Map<String, Object> auths = new LinkedHashMap<>();
      config.put("auths", auths);
      return auths;
    }
    return Map.of();
  }

  private static Optional<AuthConfig> decode(Map<?, ?> entry, String server) throws IOException {
    String encoded = text(entry, "auth");
    String user = text(entry, "username");
    String password = text(entry, "password");
    if (!encoded.isEmpty()) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException("illegal base64 data in the auth entry for " + server);
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new IOException("invalid auth configuration file");
      }
      user = pair.substring(0, colon);
      password = pair.substring(colon + 1);
    }
    AuthConfig auth = new AuthConfig(user, password, text(entry, "identitytoken"), server);
    return auth.isEmpty() ? Optional.empty() : Optional.of(auth);
  }

  private static String text(Map<?, ?> map, String key) {
    return map.get(key) instanceof String s ? s : "";
  }

  /** Writes the file whole, readable by its owner only: it may hold passwords. */
  private void save() throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "config.json", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, tabIndented(JsonValues.pretty(ordered())), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The configuration as docker writes it: {@code auths} first (the first field of its
   * {@code ConfigFile}), its servers sorted (Go sorts map keys), the other keys as they were.
   */
  private Map<String, Object> ordered() {
    Map<String, Object> ordered = new LinkedHashMap<>();
    if (config.get("auths") instanceof Map<?, ?> auths) {
      Map<String, Object> sorted = new java.util.TreeMap<>();
      auths.forEach((key, value) -> sorted.put(String.valueOf(key), value));
      ordered.put("auths", sorted);
    }
    config.forEach(ordered::putIfAbsent);
    return ordered;
  }

  /** Go's {@code json.MarshalIndent(config, "", "\t")}: a tab per level instead of four spaces. */
  private static String tabIndented(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (String line : json.split("\n", -1)) {
      int spaces = 0;
      while (spaces < line.length() && line.charAt(spaces) == ' ') {
        spaces++;
      }
      out.append("\t".repeat(spaces / 4)).append(line, spaces - spaces % 4, line.length()).append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }
}
