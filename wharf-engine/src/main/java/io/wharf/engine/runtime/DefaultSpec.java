package io.wharf.engine.runtime;

import io.wharf.oci.runtime.Mount;
import io.wharf.oci.runtime.Spec;
import io.wharf.oci.runtime.Seccomp;
import java.util.ArrayList;
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

  /**
   * What is set beyond the process: see {@code RunSettings}.
   *
   * @param capabilities the process's capabilities (bounding, effective and permitted)
   * @param privileged no masked or read-only paths, /sys writable, every device allowed
   * @param readOnlyRoot the root file system read-only
   * @param noNewPrivileges the process cannot gain privileges (setuid binaries)
   * @param seccomp the syscall filter, or null for none
   * @param shmBytes size of /dev/shm, 0 for Docker's 64 MiB
   * @param extraMounts bind mounts after the default ones (/etc/hosts, the init binary)
   * @param networkNamespace the network namespace to join (a path made by the network service),
   *     {@link #HOST_NETWORK} for the host's, or null for a new empty one
   * @param resources OCI {@code linux.resources} entries besides devices (memory, cpu, pids, blockIO)
   * @param rlimits OCI {@code process.rlimits} ({@code --ulimit})
   */
  public record Security(List<String> capabilities, boolean privileged, boolean readOnlyRoot,
      boolean noNewPrivileges, Seccomp seccomp, long shmBytes, List<Mount> extraMounts, String networkNamespace,
      Map<String, Object> resources, List<Map<String, Object>> rlimits) {
    /** {@code networkNamespace} of a container on the host's network ({@code --network host}). */
    public static final String HOST_NETWORK = "host";

    /** Docker's defaults with its default seccomp profile. */
    public static Security defaults() {
      return new Security(CAPABILITIES, false, false, false, SeccompProfile.defaultProfile(CAPABILITIES), 0, List.of(),
          null, Map.of(), List.of());
    }
  }

  /** A spec for {@code process} on the root file system at {@code rootfs}, with Docker's defaults. */
  public static Spec of(ProcessSettings process, String rootfs, String cgroupsPath) {
    return of(process, rootfs, cgroupsPath, Security.defaults());
  }

  /** A spec for {@code process} on the root file system at {@code rootfs}, secured as {@code security} says. */
  public static Spec of(ProcessSettings process, String rootfs, String cgroupsPath, Security security) {
    List<String> caps = security.capabilities();
    List<Mount> mounts = new ArrayList<>();
    for (Mount m : MOUNTS) {
      if (m.destination().equals("/dev/shm") && security.shmBytes() > 0) {
        mounts.add(new Mount("/dev/shm", "tmpfs", "shm",
            List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + security.shmBytes())));
      } else if (security.privileged() && m.destination().equals("/sys")) {
        mounts.add(new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "rw")));
      } else if (security.privileged() && m.destination().equals("/sys/fs/cgroup")) {
        mounts.add(new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("rw", "nosuid", "noexec", "nodev")));
      } else {
        mounts.add(m);
      }
    }
    mounts.addAll(security.extraMounts());
    Map<String, Object> devices = new java.util.LinkedHashMap<>(security.privileged()
        ? Map.of("devices", List.of(Map.of("allow", true, "access", "rwm")))
        : Map.of("devices", List.of(Map.of("allow", false, "access", "rwm"))));
    if (security.resources() != null) {
      devices.putAll(security.resources());
    }
    return new Spec("1.0.2-dev",
        new Spec.Process(process.terminal(), new Spec.User(process.uid(), process.gid(),
            process.additionalGids().isEmpty() ? null : process.additionalGids()),
            process.args(), process.env(), process.cwd().isEmpty() ? "/" : process.cwd(),
            new Spec.Capabilities(caps, caps, caps), security.noNewPrivileges(), null,
            security.rlimits() == null || security.rlimits().isEmpty() ? null : security.rlimits()),
        new Spec.Root(rootfs, security.readOnlyRoot()), process.hostname(), mounts,
        new Spec.Linux(namespaces(security.networkNamespace()), security.privileged() ? List.of() : MASKED_PATHS,
            security.privileged() ? List.of() : READONLY_PATHS, devices, cgroupsPath,
            security.privileged() ? null : security.seccomp(), security.privileged() ? HostDevices.list() : null),
        null);
  }

  private static List<Spec.Namespace> namespaces(String network) {
    List<Spec.Namespace> out = new java.util.ArrayList<>(List.of(namespace("pid"), namespace("ipc"), namespace("uts"),
        namespace("mount")));
    if (network == null) {
      out.add(namespace("network"));
    } else if (!network.equals(Security.HOST_NETWORK)) {
      out.add(new Spec.Namespace("network", network));
    }
    return out;
  }

  private static Spec.Namespace namespace(String type) {
    return new Spec.Namespace(type, null);
  }
}
