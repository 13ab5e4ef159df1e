package io.wharf.engine.runtime;

import io.wharf.oci.runtime.Mount;
import io.wharf.oci.runtime.Spec;
import java.util.List;
import java.util.Map;

/**
 * Docker's defaults for a container's runtime spec (moby {@code oci/defaults.go}): its
 * capability set, namespaces, the /proc, /dev and /sys mounts, masked and read-only paths, and
 * a device cgroup that denies everything runc does not add itself. Stateless.
 */
public final class DefaultSpec {
  /** Docker's default capabilities. */
  public static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
      "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
  static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore",
      "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
      "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
  static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
      "/proc/sysrq-trigger");
  static final List<Mount> MOUNTS = List.of(
      new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
      new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
      new Mount("/dev/pts", "devpts", "devpts",
          List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
      new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
      new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
      new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
      new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")));

  private DefaultSpec() {}

  /** The process to run, as Docker resolves it from the image and the request. */
  public record ProcessSettings(List<String> args, List<String> env, String cwd, long uid, long gid,
      List<Long> additionalGids, boolean terminal, String hostname) {}

  /** A spec for {@code process} on the root file system at {@code rootfs}, with Docker's defaults. */
  public static Spec of(ProcessSettings process, String rootfs, String cgroupsPath) {
    return new Spec("1.0.2-dev",
        new Spec.Process(process.terminal(), new Spec.User(process.uid(), process.gid(),
            process.additionalGids().isEmpty() ? null : process.additionalGids()),
            process.args(), process.env(), process.cwd().isEmpty() ? "/" : process.cwd(),
            new Spec.Capabilities(CAPABILITIES, CAPABILITIES, CAPABILITIES), false, null),
        new Spec.Root(rootfs, false), process.hostname(), MOUNTS,
        new Spec.Linux(List.of(namespace("pid"), namespace("ipc"), namespace("uts"), namespace("mount"),
            namespace("network")), MASKED_PATHS, READONLY_PATHS,
            Map.of("devices", List.of(Map.of("allow", false, "access", "rwm"))), cgroupsPath),
        null);
  }

  private static Spec.Namespace namespace(String type) {
    return new Spec.Namespace(type, null);
  }
}
