package io.wharf.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The real docker CLI pointed at one wharfd, with a configuration directory of its own so
 * that nothing of the user's ~/.docker is read or written.
 */
final class DockerCli {
  private final String host;
  private final Path config;

  DockerCli(String host, Path config) {
    this.host = host;
    this.config = config;
  }

  static String executable() {
    for (String candidate : List.of("/usr/local/bin/docker", "/usr/bin/docker")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "docker";
  }

  CommandResult run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Runs docker with {@code stdin} (a file, or null for none) as its standard input. */
  CommandResult runWithInput(Path stdin, String... args) throws IOException, InterruptedException {
    return runIn(null, java.util.Map.of(), stdin, args);
  }

  /**
   * Runs docker in {@code directory} (null: this process's) with {@code env} added to its
   * environment ({@code DOCKER_BUILDKIT=0}) and {@code stdin} (or null) as its input.
   */
  CommandResult runIn(Path directory, java.util.Map<String, String> env, Path stdin, String... args)
      throws IOException, InterruptedException {
    Process process = start(directory, env, stdin, args);
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String out = readAll(process.getInputStream());
    int exit = process.waitFor();
    return new CommandResult(exit, out, err.join());
  }

  /** Starts docker as {@link #runIn} runs it, for a test that reads its output as it comes. */
  Process start(Path directory, java.util.Map<String, String> env, Path stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DOCKER_HOST", host);
    builder.environment().put("DOCKER_CONFIG", config.toString());
    builder.environment().remove("DOCKER_CONTEXT");
    builder.environment().remove("DOCKER_BUILDKIT");
    builder.environment().putAll(env);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
        : ProcessBuilder.Redirect.from(stdin.toFile()));
    return builder.start();
  }

  /** Imports a busybox image made from this host's busybox-static as {@code name} ({@code CMD ["sh"]}). */
  void importBusybox(Path work, String name) throws IOException, InterruptedException {
    Path rootfs = RootfsFixture.busybox(work.resolve("busybox.tar"));
    CommandResult imported = runWithInput(rootfs, "import", "-c", "CMD [\"sh\"]", "-", name);
    if (imported.exitCode() != 0) {
      throw new IllegalStateException("cannot import busybox: " + imported);
    }
  }

  /**
   * Builds {@code name} with the classic builder as {@code base} plus one layer holding
   * {@code /hi} ("hi"): an image of two layers when {@code base} has one.
   */
  void buildWithHi(Path work, String base, String name) throws IOException, InterruptedException {
    Path context = Files.createDirectories(work.resolve("hi-context"));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN echo hi > /hi\n");
    CommandResult built = runIn(context, java.util.Map.of("DOCKER_BUILDKIT", "0"), null, "build", "-q", "-t", name, ".");
    if (built.exitCode() != 0) {
      throw new IllegalStateException("cannot build " + name + ": " + built);
    }
  }

  /** Removes every container of the daemon, running or not ({@code rm -f $(ps -aq)}). */
  void removeAllContainers() throws IOException, InterruptedException {
    String ids = run("ps", "-aq").stdout().strip();
    if (!ids.isEmpty()) {
      run(("rm -f " + ids.replace('\n', ' ')).split(" "));
    }
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
