package io.wharf.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS identity from PEM files: a certificate chain (leaf first) and an unencrypted
 * PKCS#8 key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC, whose algorithm is the leaf's.
 * Stateless.
 */
final class TlsContext {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private TlsContext() {}

  static SSLContext load(Path certPem, Path keyPem) throws IOException {
    try {
      Certificate[] chain;
      try (InputStream in = Files.newInputStream(certPem)) {
        chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
      }
      if (chain.length == 0) {
        throw new IllegalArgumentException(certPem + ": no certificate");
      }
      PrivateKey key = privateKey(keyPem, chain[0].getPublicKey().getAlgorithm());
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("wharf-registry", key, password, chain);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use " + certPem + " and " + keyPem + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path keyPem, String algorithm) throws IOException, GeneralSecurityException {
    String text = Files.readString(keyPem, StandardCharsets.US_ASCII);
    Matcher m = PKCS8.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(keyPem + ": not an unencrypted PKCS#8 PEM key"
          + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
