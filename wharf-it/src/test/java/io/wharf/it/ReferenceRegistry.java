package io.wharf.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference registry (github.com/docker/distribution, Debian's {@code docker-registry}) as
 * a child process: its own configuration and filesystem storage under a directory of the
 * test's, on 127.0.0.1 at a port the kernel picks, with or without basic auth. Never the packaged service on
 * port 5000. {@link #close()} stops it.
 */
final class ReferenceRegistry implements AutoCloseable {
  static final String BINARY = "/usr/bin/docker-registry";
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final int port;
  private final StringBuffer log;

  private ReferenceRegistry(Process process, int port, StringBuffer log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the registry with its storage under {@code dir}; returns once it listens. */
  static ReferenceRegistry start(Path dir) throws IOException {
    return start(dir, null);
  }

  /**
   * Starts the registry with its storage under {@code dir}, asking for basic auth with the
   * users of {@code htpasswd} (bcrypt) unless that is null; returns once it listens.
   */
  static ReferenceRegistry start(Path dir, Path htpasswd) throws IOException {
    HostTools.require(BINARY, "docker-registry");
    Path storage = Files.createDirectories(dir.resolve("storage"));
    Path config = dir.resolve("config.yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:0
          secret: wharf-it
        """.formatted(storage) + (htpasswd == null ? "" : """
        auth:
          htpasswd:
            realm: wharf-it
            path: %s
        """.formatted(htpasswd)));
    Process process = new ProcessBuilder(BINARY, "serve", config.toString()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    StringBuffer log = new StringBuffer();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // the registry logs the address it bound once it accepts connections; port 0 spares a race for a free one
    String line;
    while ((line = out.readLine()) != null) {
      log.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread.ofVirtual().start(() -> drain(out, log));
        return new ReferenceRegistry(process, Integer.parseInt(m.group(1)), log);
      }
    }
    process.destroyForcibly();
    throw new IOException("docker-registry did not start:\n" + log);
  }

  private static void drain(BufferedReader out, StringBuffer log) {
    try (out) {
      String line;
      while ((line = out.readLine()) != null) {
        log.append(line).append('\n');
      }
    } catch (IOException e) {
      log.append("(log ends: ").append(e).append(")\n");
    }
  }

  /** {@code 127.0.0.1:PORT}, the registry part of an image name. */
  String host() {
    return "127.0.0.1:" + port;
  }

  String log() {
    return log.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
