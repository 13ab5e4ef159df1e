package io.wharf.cli.auth;

import io.wharf.client.JsonValues;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code docker-credential-<name>} program, spoken to as the docker CLI does
 * ({@code docker-credential-helpers/client}): {@code get} and {@code erase} with the server
 * URL on stdin, {@code store} with {@code {"ServerURL","Username","Secret"}}; an identity token
 * travels as user name {@code <token>}. Failures carry docker's wording
 * ({@code error getting credentials - err: exit status 1, out: `…`}). Thread-safe.
 */
public final class CredentialHelper {
  /** What helpers print when they hold nothing for a server. */
  private static final String NOT_FOUND = "credentials not found in native keychain";
  private static final String TOKEN_USER = "<token>";

  private final String name;
  private final String searchPath;

  /** Helper {@code name}, looked for in {@code searchPath} (a {@code PATH} value). */
  public CredentialHelper(String name, String searchPath) {
    this.name = name;
    this.searchPath = searchPath == null ? "" : searchPath;
  }

  /** What the helper holds for {@code serverAddress}; empty when it holds nothing. */
  @SuppressWarnings("unchecked")
  public Optional<AuthConfig> get(String serverAddress) throws IOException {
    Result result = run("get", serverAddress);
    if (result.exit() != 0) {
      if (result.output().equals(NOT_FOUND)) {
        return Optional.empty();
      }
      throw failure("getting", result);
    }
    Map<String, Object> json;
    try {
      json = (Map<String, Object>) JsonValues.read(result.output());
    } catch (RuntimeException e) {
      throw new IOException("error getting credentials - err: " + e.getMessage() + ", out: `" + result.output() + "`");
    }
    String user = text(json, "Username");
    String secret = text(json, "Secret");
    return Optional.of(user.equals(TOKEN_USER) ? new AuthConfig("", "", secret, serverAddress)
        : new AuthConfig(user, secret, "", serverAddress));
  }

  /** Has the helper keep {@code auth} under its server address. */
  public void store(AuthConfig auth) throws IOException {
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put("ServerURL", auth.serverAddress());
    boolean token = !auth.identityToken().isEmpty();
    credentials.put("Username", token ? TOKEN_USER : auth.username());
    credentials.put("Secret", token ? auth.identityToken() : auth.password());
    Result result = run("store", JsonValues.write(credentials));
    if (result.exit() != 0) {
      throw failure("storing", result);
    }
  }

  /** Has the helper forget {@code serverAddress}; a helper that held nothing fails, as docker reports. */
  public void erase(String serverAddress) throws IOException {
    Result result = run("erase", serverAddress);
    if (result.exit() != 0) {
      throw failure("erasing", result);
    }
  }

  /** How the program ended: exit status 0, or Go's words for the failure ({@code exit status 1}). */
  private record Result(int exit, String output, String error) {}

  private Result run(String action, String input) throws IOException {
    String program = "docker-credential-" + name;
    Path executable = find(program);
    if (executable == null) {
      return new Result(-1, "", "exec: \"" + program + "\": executable file not found in $PATH");
    }
    Process process = new ProcessBuilder(executable.toString(), action).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a helper may exit without reading its input: its exit status tells
    }
    // the helpers print a line or two: reading to the end before waiting cannot block them
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      int exit = process.waitFor();
      return new Result(exit, output, "exit status " + exit);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + program);
    }
  }

  private Path find(String program) {
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static IOException failure(String gerund, Result result) {
    return new IOException("error " + gerund + " credentials - err: " + result.error() + ", out: `" + result.output() + "`");
  }

  private static String text(Map<String, Object> json, String key) {
    Object value = json == null ? null : json.get(key);
    return value == null ? "" : String.valueOf(value);
  }
}
