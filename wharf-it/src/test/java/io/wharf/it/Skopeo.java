package io.wharf.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * skopeo (Debian's {@code skopeo}) with everything it would read from the host replaced by
 * files of the test's: a policy that accepts any image, an empty registries.conf and
 * registries.d, its own auth file, home and temporary directory.
 */
final class Skopeo {
  static final String BINARY = "/usr/bin/skopeo";
  private final Path home;

  private Skopeo(Path home) {
    this.home = home;
  }

  /** Prepares skopeo's private files under {@code home}. */
  static Skopeo in(Path home) throws IOException {
    HostTools.require(BINARY, "skopeo");
    Files.createDirectories(home.resolve("registries.d"));
    Files.createDirectories(home.resolve("tmp"));
    Files.writeString(home.resolve("policy.json"), "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}\n");
    Files.writeString(home.resolve("registries.conf"), "");
    Files.writeString(home.resolve("auth.json"), "{}\n");
    return new Skopeo(home);
  }

  CommandResult run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY,
        "--policy", home.resolve("policy.json").toString(),
        "--registries.d", home.resolve("registries.d").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("HOME", home.toString());
    builder.environment().put("TMPDIR", home.resolve("tmp").toString());
    builder.environment().put("CONTAINERS_REGISTRIES_CONF", home.resolve("registries.conf").toString());
    builder.environment().put("REGISTRY_AUTH_FILE", home.resolve("auth.json").toString());
    builder.environment().remove("XDG_RUNTIME_DIR");
    builder.environment().remove("XDG_CONFIG_HOME");
    Process process = builder.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    return new CommandResult(process.waitFor(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
