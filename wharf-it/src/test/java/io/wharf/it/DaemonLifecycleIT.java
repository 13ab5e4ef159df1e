package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wharfd as a process: side by side with another, its flags and config file, and a kill -9 mid-load. */
class DaemonLifecycleIT {
  @TempDir Path work;

  private static String http(Path socket, String request, byte[] body) throws IOException {
    return WharfDaemonProcess.http(socket, request, body);
  }

  @Test
  void twoDaemonsRunSideBySideWithoutSharingAnything() throws Exception {
    try (WharfDaemonProcess a = WharfDaemonProcess.start(); WharfDaemonProcess b = WharfDaemonProcess.start()) {
      DockerCli dockerA = new DockerCli(a.host(), Files.createDirectories(work.resolve("a")));
      DockerCli dockerB = new DockerCli(b.host(), Files.createDirectories(work.resolve("b")));
      Path rootfs = RootfsFixture.files(work.resolve("r.tar"), "f", "x");
      assertThat(dockerA.runWithInput(rootfs, "import", "-", "only-in-a").exitCode()).isZero();
      assertThat(dockerA.run("images", "-q").stdout()).isNotBlank();
      assertThat(dockerB.run("images", "-q").stdout()).isBlank();
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(a.socket()));
      assertThat(mode).isEqualTo("rw-rw----");
    }
  }

  @Test
  void pingHeadersAndVersionNegotiation() throws Exception {
    try (WharfDaemonProcess daemon = WharfDaemonProcess.start()) {
      String ping = http(daemon.socket(), "HEAD /_ping", null);
      assertThat(ping).startsWith("HTTP/1.1 200 OK").contains("Api-Version: 1.44", "Ostype: linux",
          "Docker-Experimental: false", "Cache-Control: no-cache, no-store, must-revalidate", "Pragma: no-cache");
      assertThat(http(daemon.socket(), "GET /v1.45/version", null)).startsWith("HTTP/1.1 400")
          .contains("{\"message\":\"client version 1.45 is too new. Maximum supported API version is 1.44\"}")
          .contains("Content-Type: application/json\r\n");
      assertThat(http(daemon.socket(), "GET /v1.32/version", null)).startsWith("HTTP/1.1 200");
      assertThat(http(daemon.socket(), "GET /v1.44/nowhere", null)).startsWith("HTTP/1.1 404")
          .contains("{\"message\":\"page not found\"}");
      assertThat(http(daemon.socket(), "GET /images/json?filters=%7Bnope", null)).startsWith("HTTP/1.1 400");
      byte[] hostile = new io.wharf.it.TarBytes().file("../escape", "x").bytes();
      assertThat(http(daemon.socket(), "POST /images/create?fromSrc=-&repo=hostile", hostile)).startsWith("HTTP/1.1 400")
          .contains("path escapes the archive root");
      assertThat(http(daemon.socket(), "GET /images/json?all=1", null)).endsWith("[]");
    }
  }

  @Test
  void secondDaemonOnTheSamePidfileOrSocketIsRefused() throws Exception {
    try (WharfDaemonProcess first = WharfDaemonProcess.start()) {
      Process second = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-cp", System.getProperty("java.class.path"), "io.wharf.daemon.Wharfd",
          "--data-root", work.resolve("data2").toString(), "--exec-root", first.base().resolve("exec").toString(),
          "-H", first.host())).redirectErrorStream(true).start();
      String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(second.waitFor()).isEqualTo(1);
      assertThat(output).contains("pid file found, ensure wharfd is not running or delete");
      assertThat(http(first.socket(), "GET /_ping", null)).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void configFileConflictsAndUnknownKeysAreRefused() throws Exception {
    Path config = Files.writeString(work.resolve("daemon.json"), "{\"data-root\":\"/tmp/x\",\"colour\":\"blue\"}");
    Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "io.wharf.daemon.Wharfd", "--config-file", config.toString(),
        "--exec-root", work.resolve("exec").toString())).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(output).contains("the following directives don't match any configuration option: colour");

    Files.writeString(config, "{\"data-root\":\"/tmp/x\"}");
    Process q = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "io.wharf.daemon.Wharfd", "--config-file", config.toString(),
        "--data-root", work.resolve("data").toString(), "--exec-root", work.resolve("exec").toString()))
        .redirectErrorStream(true).start();
    String conflict = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(q.waitFor()).isEqualTo(1);
    assertThat(conflict).contains("the following directives are specified both as a flag and in the configuration file: data-root");
  }

  @Test
  void killDuringLoadLeavesNoPartialImageAfterRestart() throws Exception {
    Path base;
    try (WharfDaemonProcess daemon = WharfDaemonProcess.start()) {
      base = daemon.base();
      // a load that never finishes: the archive's first entry announces more bytes than are sent
      try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        channel.connect(UnixDomainSocketAddress.of(daemon.socket()));
        channel.write(ByteBuffer.wrap(("POST /images/load HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII)));
        byte[] tar = new TarBytes().file("blobs/sha256/" + "c".repeat(64), "y".repeat(200_000)).bytes();
        byte[] part = java.util.Arrays.copyOf(tar, 100_000);
        try (OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
          out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(part);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(300); // let the daemon spool part of it (test-only pause)
          daemon.kill();
        }
      }
      WharfDaemonProcess restarted = WharfDaemonProcess.startIn(base);
      try {
        assertThat(http(restarted.socket(), "GET /images/json?all=1", null)).endsWith("[]");
        try (var ingest = Files.list(restarted.dataRoot().resolve("content/ingest"));
            var blobs = Files.list(restarted.dataRoot().resolve("content/blobs/sha256"))) {
          assertThat(ingest).isEmpty();
          assertThat(blobs).isEmpty();
        }
      } finally {
        restarted.stop();
      }
    }
  }

  @Test
  void writableLayersOfContainersRemovedAsTheDaemonStoppedGoAtTheNextStart() throws Exception {
    Path base;
    Path active;
    try (WharfDaemonProcess daemon = WharfDaemonProcess.start()) {
      base = daemon.base();
      DockerCli docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("cli")));
      Path rootfs = RootfsFixture.files(work.resolve("r.tar"), "f", "x");
      assertThat(docker.runWithInput(rootfs, "import", "-", "img").exitCode()).isZero();
      String kept = docker.run("create", "img", "/f").stdout().strip();
      active = daemon.dataRoot().resolve("snapshots/active");
      daemon.kill();
      // a removal deletes the writable layer after it answered: a kill can come in between
      Files.createDirectories(active.resolve("e".repeat(64)).resolve("upper"));
      WharfDaemonProcess restarted = WharfDaemonProcess.startIn(base);
      try {
        assertThat(active.resolve("e".repeat(64))).doesNotExist();
        assertThat(http(restarted.socket(), "GET /containers/" + kept + "/json", null)).startsWith("HTTP/1.1 200");
      } finally {
        restarted.stop();
      }
    }
  }
}
