package io.wharf.registry.client;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The docker credential-helper protocol: {@code docker-credential-<name> get|store|erase},
 * the server URL or a JSON {@code {"ServerURL","Username","Secret"}} on stdin. Implementations
 * must be thread-safe; {@link #onPath} runs the real programs, a test may stand in.
 */
public interface CredentialHelper {
  /** The credentials helper {@code name} holds for {@code serverUrl}; empty when it has none. */
  Optional<Auth> get(String name, String serverUrl) throws IOException;

  /** Has helper {@code name} keep {@code auth} for {@code serverUrl}. */
  void store(String name, String serverUrl, Auth auth) throws IOException;

  /** Has helper {@code name} forget {@code serverUrl}; nothing to forget is no error. */
  void erase(String name, String serverUrl) throws IOException;

  /** Runs {@code docker-credential-<name>} found in {@code searchPath}'s directories. */
  static CredentialHelper onPath(List<Path> searchPath) {
    return new CredentialHelperProcess(searchPath);
  }

  /** Runs {@code docker-credential-<name>} found on this process's {@code PATH}. */
  static CredentialHelper onPath() {
    String path = System.getenv("PATH");
    return onPath(path == null ? List.of() : Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty()).map(Path::of).toList());
  }
}
