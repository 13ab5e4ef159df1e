package io.wharf.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loopback registry with a self-signed certificate: Docker takes it over HTTPS, unverified. */
class InsecureTlsTest {
  @TempDir
  Path dir;

  @Test
  void loopbackRegistryWithSelfSignedCertificateIsUsedOverHttps() throws Exception {
    try (FakeRegistry registry = FakeRegistry.startTls(selfSigned());
         RegistryClient client = new RegistryClient(RegistryConfig.defaults())) {
      TestImage image = TestImage.oci(1);
      image.pushTo(registry, "app", "latest");

      assertThat(client.resolve(registry.ref("app")).manifestDigest()).isEqualTo(image.digest());
      assertThat(registry.requests("GET", "/v2/app/manifests/latest")).hasSize(1);
    }
  }

  /** A throwaway certificate for 127.0.0.1, made with the JDK's keytool. */
  private SSLContext selfSigned() throws IOException, InterruptedException, GeneralSecurityException {
    Path keystore = dir.resolve("registry.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "registry",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
        "-validity", "1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-keypass", "changeit"))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
