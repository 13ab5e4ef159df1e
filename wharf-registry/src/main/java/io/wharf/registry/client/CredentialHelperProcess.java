package io.wharf.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs credential helpers as processes, as the docker CLI does
 * ({@code docker/docker-credential-helpers/client}). A helper that does not exit within a
 * minute is killed: a keychain prompt nobody answers must not hang a pull. Thread-safe.
 */
final class CredentialHelperProcess implements CredentialHelper {
  /** What helpers print when they have nothing for a server. */
  private static final String NOT_FOUND = "credentials not found in native keychain";
  /** The user name with which a helper hands back an identity token. */
  private static final String TOKEN_USER = "<token>";
  private static final long TIMEOUT_SECONDS = 60;

  private final List<Path> searchPath;

  CredentialHelperProcess(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  @Override
  public Optional<Auth> get(String name, String serverUrl) throws IOException {
    Result result = run(name, "get", serverUrl);
    if (result.exit() != 0) {
      if (result.output().contains(NOT_FOUND)) {
        return Optional.empty();
      }
      throw failure("get", result);
    }
    JsonNode json = Json.MAPPER.readTree(result.output());
    String user = json.path("Username").asText("");
    String secret = json.path("Secret").asText("");
    if (user.equals(TOKEN_USER)) {
      return Optional.of(new Auth(null, null, secret));
    }
    return user.isEmpty() && secret.isEmpty() ? Optional.empty() : Optional.of(Auth.basic(user, secret));
  }

  @Override
  public void store(String name, String serverUrl, Auth auth) throws IOException {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("ServerURL", serverUrl);
    credentials.put("Username", auth.identityToken() != null ? TOKEN_USER : auth.username());
    credentials.put("Secret", auth.identityToken() != null ? auth.identityToken() : auth.password());
    Result result = run(name, "store", Json.MAPPER.writeValueAsString(credentials));
    if (result.exit() != 0) {
      throw failure("store", result);
    }
  }

  @Override
  public void erase(String name, String serverUrl) throws IOException {
    Result result = run(name, "erase", serverUrl);
    if (result.exit() != 0 && !result.output().contains(NOT_FOUND)) {
      throw failure("erase", result);
    }
  }

  private record Result(int exit, String output) {}

  private Result run(String name, String action, String input) throws IOException {
    Path program = find("docker-credential-" + name, action);
    Process process = new ProcessBuilder(program.toString(), action).redirectErrorStream(true).start();
    CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(
        () -> readAll(process.getInputStream()), task -> Thread.ofVirtual().start(task));
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a helper may exit without reading stdin; its exit status tells
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("credential helper " + program + " did not answer within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), new String(output.get(), StandardCharsets.UTF_8).trim());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + program);
    } catch (ExecutionException e) {
      throw new IOException("cannot read the output of " + program, e.getCause());
    }
  }

  private Path find(String program, String action) throws IOException {
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IOException("error " + gerund(action) + " credentials - err: exec: \"" + program + "\": executable file not found in $PATH");
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The docker CLI's wording: {@code error getting credentials - err: exit status 1, out: `…`}. */
  private static IOException failure(String action, Result result) {
    return new IOException("error " + gerund(action) + " credentials - err: exit status " + result.exit() + ", out: `" + result.output() + "`");
  }

  private static String gerund(String action) {
    return switch (action) {
      case "get" -> "getting";
      case "store" -> "storing";
      default -> "erasing";
    };
  }
}
