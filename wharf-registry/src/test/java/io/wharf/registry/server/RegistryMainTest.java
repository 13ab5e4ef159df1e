package io.wharf.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryMainTest {
  @TempDir Path root;
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void serveListensUntilStopped() throws Exception {
    AtomicInteger code = new AtomicInteger(-1);
    Thread serving = Thread.ofVirtual().start(() -> code.set(RegistryMain.run(
        new String[] {"serve", "--addr", "127.0.0.1:0", "--root", root.toString()}, print(out), print(err))));
    int port = awaitPort();

    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build();
      assertThat(client.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      serving.interrupt();
      serving.join(10_000);

      assertThat(code.get()).isZero();
      Assertions.assertThatThrownBy(() -> client.send(ping, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void missingFlagIsAUsageError() {
    int code = RegistryMain.run(new String[] {"serve", "--addr", "127.0.0.1:0"}, print(out), print(err));

    assertThat(code).isEqualTo(125);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("required flag --root is missing");
  }

  @Test
  void badAddressAndUnknownCommandAreUsageErrors() {
    assertThat(RegistryMain.run(new String[] {"serve", "--addr", "nowhere", "--root", "x"}, print(out), print(err))).isEqualTo(125);
    assertThat(RegistryMain.run(new String[] {"serve", "--addr", "h:99999", "--root", "x"}, print(out), print(err))).isEqualTo(125);
    assertThat(RegistryMain.run(new String[] {"registry", "push"}, print(out), print(err))).isEqualTo(125);
    assertThat(RegistryMain.run(new String[] {}, print(out), print(err))).isEqualTo(125);
    assertThat(RegistryMain.run(new String[] {"--help"}, print(out), print(err))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wharf registry gc --root DIR");
  }

  @Test
  void gcOutsideARegistryFails() {
    int code = RegistryMain.run(new String[] {"gc", "--root", root.resolve("none").toString()}, print(out), print(err));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no registry storage");
  }

  @Test
  void tlsCertificateWithoutKeyFails() {
    int code = RegistryMain.run(new String[] {"serve", "--addr", "127.0.0.1:0", "--root", root.toString(),
        "--tls-cert", "cert.pem"}, print(out), print(err));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tls-cert and --tls-key must be given together");
  }

  private int awaitPort() throws InterruptedException, IOException {
    Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    for (int i = 0; i < 500; i++) {
      Matcher m = listening.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(10);
    }
    throw new IOException("the registry did not start: " + err.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
