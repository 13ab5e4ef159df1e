package io.wharf.registry.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a registry: where it listens, where it stores, and optionally whom it lets in
 * (an htpasswd file of bcrypt entries) and how it speaks TLS (a PEM certificate chain and a
 * PKCS#8 PEM key, RSA or EC). Immutable.
 *
 * @param addr the address to listen on; port 0 picks a free port ({@link RegistryServer#address()})
 * @param root the storage directory, created if missing
 * @param htpasswd null for no authentication
 * @param tlsCert null for plain HTTP; set together with {@code tlsKey}
 * @param tlsKey null for plain HTTP; set together with {@code tlsCert}
 */
public record RegistryOptions(InetSocketAddress addr, Path root, Path htpasswd, Path tlsCert, Path tlsKey) {
  public RegistryOptions {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(root, "root");
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
  }

  /** Plain HTTP, no authentication. */
  public static RegistryOptions plain(InetSocketAddress addr, Path root) {
    return new RegistryOptions(addr, root, null, null, null);
  }

  boolean tls() {
    return tlsCert != null;
  }
}
