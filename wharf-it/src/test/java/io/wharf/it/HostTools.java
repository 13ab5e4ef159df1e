package io.wharf.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs from Debian packages that some tests drive besides docker (the reference registry,
 * skopeo). Off CI a missing one skips the test class; on CI ({@code CI} set, where .ci/run
 * installs them) it fails it, so that a test cannot silently stop running.
 */
final class HostTools {
  private HostTools() {}

  /** Returns {@code path} if it is an executable; skips or fails the caller otherwise. */
  static Path require(String path, String debianPackage) {
    Path program = Path.of(path);
    if (!Files.isExecutable(program)) {
      String why = path + " is missing (Debian package " + debianPackage + ")";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(why + "; .ci/run installs it");
      }
      Assumptions.abort(why);
    }
    return program;
  }
}
