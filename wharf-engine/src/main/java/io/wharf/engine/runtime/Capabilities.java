package io.wharf.engine.runtime;

import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capabilities by name, and a container's set as Docker computes it from its default set,
 * {@code --cap-add}, {@code --cap-drop} and {@code --privileged}. "All" means all that this
 * host's bounding set holds (a VM may lack some; asking runc for one it lacks fails the start).
 * Stateless.
 */
public final class Capabilities {
  /** Capability names by number (linux/capability.h). */
  static final List<String> ALL = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
      "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
      "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
      "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
      "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
      "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
      "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
      "CAP_CHECKPOINT_RESTORE");
  private static volatile List<String> bounding;

  private Capabilities() {}

  /** {@code net_admin}, {@code NET_ADMIN}, {@code CAP_NET_ADMIN} → {@code CAP_NET_ADMIN}; {@code ALL} stays. */
  public static String normalize(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (upper.equals("ALL")) {
      return upper;
    }
    String full = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    if (!ALL.contains(full)) {
      throw new InvalidArgument("unknown capability: \"" + full + "\"");
    }
    return full;
  }

  /** Checks {@code --cap-add}/{@code --cap-drop} values; throws Docker's error for an unknown one. */
  public static void validate(List<String> add, List<String> drop) {
    for (String c : add) {
      try {
        normalize(c);
      } catch (InvalidArgument e) {
        throw new InvalidArgument("invalid CapAdd: " + e.getMessage());
      }
    }
    for (String c : drop) {
      try {
        normalize(c);
      } catch (InvalidArgument e) {
        throw new InvalidArgument("invalid CapDrop: " + e.getMessage());
      }
    }
  }

  /** The container's capabilities, in the order of {@link #ALL}. */
  public static List<String> of(List<String> add, List<String> drop, boolean privileged) {
    if (privileged) {
      return bounding();
    }
    Set<String> adds = new LinkedHashSet<>();
    add.forEach(c -> adds.add(normalize(c)));
    Set<String> drops = new LinkedHashSet<>();
    drop.forEach(c -> drops.add(normalize(c)));
    Set<String> result = new LinkedHashSet<>();
    if (!drops.contains("ALL")) {
      result.addAll(DefaultSpec.CAPABILITIES);
    }
    if (adds.contains("ALL")) {
      result.addAll(bounding());
    }
    for (String c : adds) {
      if (!c.equals("ALL")) {
        result.add(c);
      }
    }
    result.removeAll(drops);
    // an explicit add wins over a drop of ALL, as in Docker
    if (drops.contains("ALL")) {
      adds.stream().filter(c -> !c.equals("ALL")).forEach(result::add);
    }
    List<String> ordered = new ArrayList<>();
    for (String c : ALL) {
      if (result.contains(c)) {
        ordered.add(c);
      }
    }
    return ordered;
  }

  /** The capabilities of this process's bounding set ({@code CapBnd} of /proc/self/status). */
  static List<String> bounding() {
    List<String> known = bounding;
    if (known == null) {
      long mask = -1L;
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("CapBnd:")) {
            mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          }
        }
      } catch (IOException | NumberFormatException e) {
        mask = -1L;
      }
      List<String> held = new ArrayList<>();
      for (int bit = 0; bit < ALL.size(); bit++) {
        if ((mask & (1L << bit)) != 0) {
          held.add(ALL.get(bit));
        }
      }
      known = List.copyOf(held);
      bounding = known;
    }
    return known;
  }
}
