package io.wharf.engine.container;

import io.wharf.oci.runtime.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The /etc/hostname, /etc/hosts and /etc/resolv.conf a container gets, written into its
 * directory and bind-mounted over the image's, as Docker does; their text comes from the
 * container's network sandbox. Stateless.
 */
final class EtcFiles {
  private EtcFiles() {}

  /** Writes the three files under {@code dir}; returns their mounts. */
  static List<Mount> write(Path dir, io.wharf.engine.network.Sandbox sandbox, boolean readOnly) throws IOException {
    Files.writeString(dir.resolve("hostname"), sandbox.hostname() + "\n");
    Files.writeString(dir.resolve("hosts"), sandbox.hosts());
    Files.writeString(dir.resolve("resolv.conf"), sandbox.resolvConf());
    List<String> options = List.of("rbind", readOnly ? "ro" : "rw", "rprivate");
    return List.of(new Mount("/etc/hostname", "bind", dir.resolve("hostname").toString(), options),
        new Mount("/etc/hosts", "bind", dir.resolve("hosts").toString(), options),
        new Mount("/etc/resolv.conf", "bind", dir.resolve("resolv.conf").toString(), options));
  }
}
