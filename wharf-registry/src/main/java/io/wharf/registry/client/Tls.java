package io.wharf.registry.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** The TLS contexts registries are reached with. Stateless. */
final class Tls {
  /** Debian's and Fedora's bundles of the host's CA store, the first that exists is read. */
  private static final Path[] HOST_BUNDLES = {
    Path.of("/etc/ssl/certs/ca-certificates.crt"), Path.of("/etc/pki/tls/certs/ca-bundle.crt")
  };

  /** Built once: reading the host's bundle costs more than a ping, and Go also reads it once. */
  private static volatile SSLContext hostTrust;

  private Tls() {}

  /**
   * Trusts the JDK's CAs and the host's CA store, as Docker trusts the system roots: a CA an
   * administrator added with {@code update-ca-certificates} works for Wharf too. Read once
   * per process, as Go reads the system roots.
   */
  static SSLContext hostTrust() {
    SSLContext context = hostTrust;
    if (context == null) {
      context = readHostTrust();
      hostTrust = context;
    }
    return context;
  }

  private static SSLContext readHostTrust() {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : defaultTrustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, ca);
      }
      for (Path bundle : HOST_BUNDLES) {
        if (Files.isReadable(bundle)) {
          try (InputStream in = Files.newInputStream(bundle)) {
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
              store.setCertificateEntry("host-" + n++, ca);
            }
          }
          break;
        }
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS with the host's CA store: " + e.getMessage(), e);
    }
  }

  /**
   * Trusts any certificate for any name: Docker's {@code InsecureSkipVerify} for registries
   * in {@code insecure-registries}. Being an {@link X509ExtendedTrustManager}, it also stands
   * in for JSSE's host name check.
   */
  static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK has no X.509 trust manager");
  }

  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
