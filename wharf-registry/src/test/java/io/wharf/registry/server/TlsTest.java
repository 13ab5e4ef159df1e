package io.wharf.registry.server;

import static io.wharf.registry.server.RegistryFixture.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS with a self-signed certificate for 127.0.0.1 that the JDK's keytool makes. */
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"EC", "RSA"})
  void servesOverTlsFromPemCertificateAndPkcs8Key(String algorithm) throws Exception {
    KeyStore store = selfSigned(algorithm);
    Certificate cert = store.getCertificate("registry");
    Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
    Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", ((PrivateKey) store.getKey("registry", PASSWORD)).getEncoded()));
    RegistryOptions options = new RegistryOptions(new InetSocketAddress("127.0.0.1", 0), dir.resolve("root"), null, certPem, keyPem);

    try (RegistryFixture registry = RegistryFixture.start(options, HttpClient.newBuilder().sslContext(trusting(cert)))) {
      byte[] blob = random(1, 2000);
      Digest digest = registry.pushBlob("app", blob);

      assertThat(registry.base).startsWith("https://");
      assertThat(registry.get("/v2/").statusCode()).isEqualTo(200);
      assertThat(registry.get("/v2/app/blobs/" + digest).body()).isEqualTo(blob);
    }
  }

  @Test
  void traditionalRsaKeyIsRefusedWithTheConversionToUse() throws Exception {
    KeyStore store = selfSigned("RSA");
    Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", store.getCertificate("registry").getEncoded()));
    Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("RSA PRIVATE KEY", new byte[64]));

    assertThatThrownBy(() -> TlsContext.load(certPem, keyPem)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PKCS#8").hasMessageContaining("openssl pkcs8");
  }

  private KeyStore selfSigned(String algorithm) throws IOException, InterruptedException, GeneralSecurityException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Assumptions.assumeTrue(Files.isExecutable(keytool), "the JDK has no keytool");
    Path file = dir.resolve(algorithm + ".p12");
    List<String> size = algorithm.equals("RSA") ? List.of("-keysize", "2048") : List.of("-groupname", "secp256r1");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", "registry",
        "-keyalg", algorithm, "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit"));
    command.addAll(size);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static SSLContext trusting(Certificate cert) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("registry", cert);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
