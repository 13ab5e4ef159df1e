package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.server.RegistryOptions;
import io.wharf.registry.server.RegistryServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's registry settings through the real docker CLI: a registry on this machine's own
 * (non-loopback) address is reached over HTTPS with a verified certificate unless it is in
 * {@code insecure-registries} (by host:port or by CIDR); {@code registry-mirrors} serve Docker Hub
 * names; {@code docker info} shows both; bad values stop the daemon with dockerd's words. All
 * traffic stays on this machine.
 */
class RegistryConfigIT {
  private static RegistryServer plain;
  private static RegistryServer tls;
  private static RegistryServer mirror;
  private static WharfDaemonProcess strict;
  private static WharfDaemonProcess lenient;
  private static DockerCli strictCli;
  private static DockerCli lenientCli;
  private static String address;
  @TempDir static Path work;

  @BeforeAll
  static void start() throws Exception {
    address = HostTools.hostAddress();
    InetAddress host = InetAddress.getByName(address);
    plain = RegistryServer.start(RegistryOptions.plain(new InetSocketAddress(host, 0),
        Files.createDirectories(work.resolve("plain"))));
    Path cert = work.resolve("cert.pem");
    Path key = work.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=wharf-test", "-addext", "subjectAltName=IP:" + address, "-keyout", key.toString(),
        "-out", cert.toString()).redirectErrorStream(true).start();
    String made = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor()).as(made).isZero();
    tls = RegistryServer.start(new RegistryOptions(new InetSocketAddress(host, 0),
        Files.createDirectories(work.resolve("tls")), null, cert, key));
    mirror = RegistryServer.start(RegistryOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Files.createDirectories(work.resolve("mirror"))));
    Path config = Files.writeString(work.resolve("daemon.json"), """
        {"insecure-registries": ["%s:%d", "%s/32"],
         "registry-mirrors": ["http://127.0.0.1:%d/"],
         "max-concurrent-downloads": 1, "max-concurrent-uploads": 2}
        """.formatted(address, plain.address().getPort(), address, mirror.address().getPort()));
    strict = WharfDaemonProcess.start();
    lenient = WharfDaemonProcess.start("--config-file", config.toString());
    strictCli = new DockerCli(strict.host(), Files.createDirectories(work.resolve("config-strict")));
    lenientCli = new DockerCli(lenient.host(), Files.createDirectories(work.resolve("config-lenient")));
    lenientCli.importBusybox(work, plainRef());
    ok(lenientCli, "tag", plainRef(), tlsRef());
    ok(lenientCli, "tag", plainRef(), "127.0.0.1:" + mirror.address().getPort() + "/library/busybox:latest");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {strict, lenient, plain, tls, mirror}) {
      if (c != null) {
        c.close();
      }
    }
  }

  private static String plainRef() {
    return address + ":" + plain.address().getPort() + "/conf/plain:1";
  }

  private static String tlsRef() {
    return address + ":" + tls.address().getPort() + "/conf/tls:1";
  }

  private static CommandResult ok(DockerCli docker, String... args) throws Exception {
    CommandResult result = docker.run(args);
    assertThat(result.exitCode()).as("docker %s\n%s\nstrict log:\n%s\nlenient log:\n%s", String.join(" ", args),
        result, strict.log(), lenient.log()).isZero();
    return result;
  }

  @Test
  void insecureRegistriesByAddressAndByCidrAreReachedOnlyByTheDaemonThatListsThem() throws Exception {
    ok(lenientCli, "push", plainRef());
    ok(lenientCli, "push", tlsRef());
    // a registry off loopback gets gzip layers, as Docker pushes them; a second push finds them
    var manifest = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://" + address + ":" + plain.address().getPort() + "/v2/conf/plain/manifests/1"))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(manifest.body()).contains("application/vnd.oci.image.layer.v1.tar+gzip");
    assertThat(ok(lenientCli, "push", plainRef()).stdout()).contains("Layer already exists");

    CommandResult http = strictCli.run("pull", plainRef());
    assertThat(http.exitCode()).isEqualTo(1);
    assertThat(http.stderr()).contains("http: server gave HTTP response to HTTPS client");
    CommandResult untrusted = strictCli.run("pull", tlsRef());
    assertThat(untrusted.exitCode()).isEqualTo(1);
    assertThat(untrusted.stderr()).contains("x509: certificate signed by unknown authority");

    ok(lenientCli, "rmi", plainRef(), tlsRef());
    assertThat(ok(lenientCli, "pull", plainRef()).stdout()).contains("Downloaded newer image for " + plainRef());
    assertThat(ok(lenientCli, "pull", tlsRef()).stdout()).contains("Downloaded newer image for " + tlsRef());
    assertThat(ok(lenientCli, "run", "--rm", tlsRef(), "echo", "over tls").stdout()).isEqualTo("over tls\n");
  }

  @Test
  void aMirrorServesDockerHubNames() throws Exception {
    ok(lenientCli, "push", "127.0.0.1:" + mirror.address().getPort() + "/library/busybox:latest");
    String out = ok(lenientCli, "pull", "busybox").stdout();
    assertThat(out).contains("Using default tag: latest").contains("Status: Downloaded newer image for busybox:latest")
        .contains("docker.io/library/busybox:latest");
    assertThat(ok(lenientCli, "run", "--rm", "busybox", "echo", "mirrored").stdout()).isEqualTo("mirrored\n");
  }

  @Test
  void infoShowsTheInsecureRegistriesAndMirrors() throws Exception {
    String info = ok(lenientCli, "info").stdout();
    assertThat(info).contains("Insecure Registries:").contains(address + ":" + plain.address().getPort())
        .contains(address + "/32").contains("127.0.0.0/8")
        .contains("Registry Mirrors:").contains("http://127.0.0.1:" + mirror.address().getPort() + "/");
  }

  @Test
  void badRegistrySettingsStopTheDaemonWithDockersWords() throws Exception {
    Path config = Files.writeString(work.resolve("bad.json"), "{\"registry-mirrors\": [\"ftp://mirror.example\"]}");
    assertThat(failedStart("--config-file", config.toString()))
        .contains("invalid mirror: unsupported scheme \"ftp\" in \"ftp://mirror.example\"");
    assertThat(failedStart("--max-concurrent-downloads", "0")).contains("invalid max concurrent downloads: 0");
    assertThat(failedStart("--insecure-registry", "http://10.0.0.1:5000"))
        .contains("insecure registry http://10.0.0.1:5000 should not contain '://'");
  }

  private static String failedStart(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), "io.wharf.daemon.Wharfd",
        "--data-root", work.resolve("bad-data").toString(), "--exec-root", work.resolve("bad-exec").toString(),
        "--host", "unix://" + work.resolve("bad.sock")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isEqualTo(1);
    return output;
  }
}
