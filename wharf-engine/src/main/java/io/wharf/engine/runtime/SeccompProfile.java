package io.wharf.engine.runtime;

import io.wharf.oci.runtime.Seccomp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Docker's default seccomp profile (moby {@code profiles/seccomp/default_linux.go}) for amd64, as
 * the runtime spec's {@code linux.seccomp}: every system call not listed fails with EPERM; a fixed
 * list is allowed to every container, and more are allowed when the container holds the
 * capability that the kernel checks for them anyway. Callers pass no profile at all for
 * {@code --privileged} and {@code --security-opt seccomp=unconfined}. Stateless.
 */
public final class SeccompProfile {
  static final String ALLOW = "SCMP_ACT_ALLOW";
  static final String ERRNO = "SCMP_ACT_ERRNO";
  static final int EPERM = 1;
  static final int ENOSYS = 38;
  static final int AF_VSOCK = 40;
  /** CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP. */
  static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;
  static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
  /** The personalities a container may switch to: Linux, with UNAME26, with READ_IMPLIES_EXEC, and the query. */
  static final List<Long> PERSONALITIES = List.of(0x0L, 0x8L, 0x20000L, 0x20008L, 0xFFFFFFFFL);

  /** Allowed to every container. */
  static final List<String> ALLOWED = List.of(
      "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk", "capget", "capset", "chdir", "chmod", "chown",
      "chown32", "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64", "clock_gettime",
      "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64", "close", "close_range", "connect",
      "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old",
      "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "execve", "execveat",
      "exit", "exit_group", "faccessat", "faccessat2", "fadvise64", "fadvise64_64", "fallocate", "fanotify_mark",
      "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr",
      "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs",
      "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_time64", "futex_waitv", "futimesat", "getcpu",
      "getcwd", "getdents", "getdents64", "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32",
      "getgroups", "getgroups32", "getitimer", "getpeername", "getpgid", "getpgrp", "getpid", "getppid", "getpriority",
      "getrandom", "getresgid", "getresgid32", "getresuid", "getresuid32", "getrlimit", "get_robust_list", "getrusage",
      "getsid", "getsockname", "getsockopt", "get_thread_area", "gettid", "gettimeofday", "getuid", "getuid32",
      "getxattr", "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel", "ioctl",
      "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "ioprio_get", "ioprio_set", "io_setup",
      "io_submit", "io_uring_enter", "io_uring_register", "io_uring_setup", "ipc", "kill", "landlock_add_rule",
      "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lchown32", "lgetxattr", "link", "linkat",
      "listen", "listxattr", "llistxattr", "_llseek", "lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64",
      "madvise", "membarrier", "memfd_create", "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat",
      "mlock", "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open",
      "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "mremap",
      "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munlock", "munlockall", "munmap", "name_to_handle_at",
      "nanosleep", "newfstatat", "_newselect", "open", "openat", "openat2", "pause", "pidfd_open", "pidfd_send_signal",
      "pipe", "pipe2", "pkey_alloc", "pkey_free", "pkey_mprotect", "poll", "ppoll", "ppoll_time64", "prctl", "pread64",
      "preadv", "preadv2", "prlimit64", "process_mrelease", "pselect6", "pselect6_time64", "pwrite64", "pwritev",
      "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv", "recv", "recvfrom", "recvmmsg",
      "recvmmsg_time64", "recvmsg", "remap_file_pages", "removexattr", "rename", "renameat", "renameat2",
      "restart_syscall", "rmdir", "rseq", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo",
      "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
      "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_get_priority_max", "sched_get_priority_min",
      "sched_getscheduler", "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity",
      "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget",
      "semop", "semtimedop", "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg", "sendto",
      "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32",
      "setitimer", "setpgid", "setpriority", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid",
      "setresuid32", "setreuid", "setreuid32", "setrlimit", "set_robust_list", "setsid", "setsockopt",
      "set_thread_area", "set_tid_address", "setuid", "setuid32", "setxattr", "shmat", "shmctl", "shmdt", "shmget",
      "shutdown", "sigaltstack", "signalfd", "signalfd4", "sigprocmask", "sigreturn", "socketcall", "socketpair",
      "splice", "stat", "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat", "sync", "sync_file_range",
      "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create", "timer_delete", "timer_getoverrun",
      "timer_gettime", "timer_gettime64", "timer_settime", "timer_settime64", "timerfd_create", "timerfd_gettime",
      "timerfd_gettime64", "timerfd_settime", "timerfd_settime64", "times", "tkill", "truncate", "truncate64",
      "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes",
      "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write", "writev");

  /** Allowed to every container on amd64, x86 and x32 only. */
  static final List<String> ALLOWED_X86 = List.of("arch_prctl", "modify_ldt");

  /**
   * Allowed to every container because the kernel is 4.8 or newer, where ptrace can no longer
   * be used to get around seccomp; Docker denies them on older kernels, which Wharf does not run on.
   */
  static final List<String> ALLOWED_SINCE_4_8 = List.of("process_vm_readv", "process_vm_writev", "ptrace");

  /** The system calls a capability adds, in Docker's order. */
  static final List<CapabilityCalls> BY_CAPABILITY = List.of(
      new CapabilityCalls("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at")),
      new CapabilityCalls("CAP_SYS_ADMIN", List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount",
          "fsopen", "fspick", "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree",
          "perf_event_open", "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog", "umount",
          "umount2", "unshare")),
      new CapabilityCalls("CAP_SYS_BOOT", List.of("reboot")),
      new CapabilityCalls("CAP_SYS_CHROOT", List.of("chroot")),
      new CapabilityCalls("CAP_SYS_MODULE", List.of("delete_module", "init_module", "finit_module")),
      new CapabilityCalls("CAP_SYS_PACCT", List.of("acct")),
      new CapabilityCalls("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
          "process_vm_writev", "ptrace")),
      new CapabilityCalls("CAP_SYS_RAWIO", List.of("iopl", "ioperm")),
      new CapabilityCalls("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_settime64")),
      new CapabilityCalls("CAP_SYS_TTY_CONFIG", List.of("vhangup")),
      new CapabilityCalls("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy",
          "set_mempolicy_home_node")),
      new CapabilityCalls("CAP_SYSLOG", List.of("syslog")),
      new CapabilityCalls("CAP_BPF", List.of("bpf")),
      new CapabilityCalls("CAP_PERFMON", List.of("perf_event_open")));

  /** The system calls {@code capability} (as {@code CAP_SYS_ADMIN}) adds to the allowed ones. */
  record CapabilityCalls(String capability, List<String> names) {}

  private SeccompProfile() {}

  /**
   * Docker's default profile for a container holding {@code capabilities} (as {@code CAP_SYS_ADMIN}
   * or {@code SYS_ADMIN}, any case). Each system call is named in at most one unconditional allow
   * rule, so the profile stays as small as the capabilities allow.
   */
  public static Seccomp defaultProfile(Collection<String> capabilities) {
    Set<String> caps = new LinkedHashSet<>();
    for (String cap : capabilities) {
      String upper = cap.toUpperCase(Locale.ROOT);
      caps.add(upper.startsWith("CAP_") ? upper : "CAP_" + upper);
    }
    Set<String> allowed = new LinkedHashSet<>();
    List<Seccomp.Syscall> rules = new ArrayList<>();
    allow(rules, allowed, ALLOWED);
    allow(rules, allowed, ALLOWED_X86);
    allow(rules, allowed, ALLOWED_SINCE_4_8);
    for (CapabilityCalls group : BY_CAPABILITY) {
      if (caps.contains(group.capability())) {
        allow(rules, allowed, group.names());
      }
    }
    rules.add(when("socket", new Seccomp.Arg(0, AF_VSOCK, 0, "SCMP_CMP_NE")));
    for (long personality : PERSONALITIES) {
      rules.add(when("personality", new Seccomp.Arg(0, personality, 0, "SCMP_CMP_EQ")));
    }
    if (!caps.contains("CAP_SYS_ADMIN")) {
      // Without CAP_SYS_ADMIN, clone may not make namespaces, and clone3 (whose flags live in
      // memory, out of seccomp's reach) fails with ENOSYS so that glibc falls back to clone.
      rules.add(when("clone", new Seccomp.Arg(0, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")));
      rules.add(new Seccomp.Syscall(List.of("clone3"), ERRNO, ENOSYS, null));
    }
    return new Seccomp(ERRNO, EPERM, ARCHITECTURES, List.copyOf(rules));
  }

  private static void allow(List<Seccomp.Syscall> rules, Set<String> allowed, List<String> names) {
    List<String> fresh = new ArrayList<>();
    for (String name : names) {
      if (allowed.add(name)) {
        fresh.add(name);
      }
    }
    if (!fresh.isEmpty()) {
      rules.add(new Seccomp.Syscall(fresh, ALLOW, null, null));
    }
  }

  private static Seccomp.Syscall when(String name, Seccomp.Arg condition) {
    return new Seccomp.Syscall(List.of(name), ALLOW, null, List.of(condition));
  }
}
