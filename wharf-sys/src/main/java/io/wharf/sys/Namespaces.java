package io.wharf.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Network namespaces, kept alive by a bind mount of their {@code nsfs} file as {@code ip netns}
 * keeps them, and made or entered without a process. A namespace belongs to a thread in Linux,
 * so each call runs on a fresh platform thread that unshares or enters the namespace, does its
 * work, goes back to the network namespace it started in and ends: no pooled thread ever keeps
 * a container's network.
 *
 * <p>A thread is born in the namespaces of the thread that creates it: work run with
 * {@link #inNetns} must not start threads, nor hand tasks to an executor that may create one
 * (a {@code ForkJoinPool} worker, a virtual thread's carrier), or that thread would live in the
 * container's network. Sockets and channels it opens stay in the namespace and may be used
 * from any thread afterwards. Thread-safe.
 */
public final class Namespaces {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final long MS_BIND = 4096;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;
  private static final String OWN_NETNS = "/proc/thread-self/ns/net";
  private static final MethodHandle UNSHARE = Libc.function("unshare", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle SETNS = Libc.function("setns", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private Namespaces() {}

  /**
   * Creates a network namespace and keeps it by bind-mounting it on {@code path}, a new empty
   * file (its parent must exist; an existing file is refused). Its {@code lo} is up on return.
   */
  public static void createNetns(Path path) throws IOException {
    Files.createFile(path);
    try {
      onOwnThread(null, () -> {
        MountCalls.mount(OWN_NETNS, path, "none", MS_BIND, null);
        try (Netlink netlink = Netlink.open()) {
          netlink.setUp("lo");
        }
        return null;
      });
    } catch (IOException | RuntimeException | Error e) {
      try {
        deleteNetns(path);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Unmounts (lazily) and deletes {@code path}; a missing path is not an error. */
  public static void deleteNetns(Path path) throws IOException {
    while (MountCalls.unmount(path, MountCalls.MNT_DETACH)) {
      // a namespace mounted twice on the same file needs two
    }
    Files.deleteIfExists(path);
  }

  /**
   * Runs {@code work} in the network namespace kept at {@code path} and returns its result; what
   * it throws is rethrown (a checked exception other than IOException wrapped in one).
   */
  public static <T> T inNetns(Path path, Callable<T> work) throws IOException {
    return onOwnThread(path, work);
  }

  /** Runs {@code work} on a new thread in the namespace at {@code path}, or in a new one when null. */
  private static <T> T onOwnThread(Path path, Callable<T> work) throws IOException {
    var outcome = new Object() {
      T value;
      Throwable failure;
    };
    Thread thread = Thread.ofPlatform().daemon().name("wharf-netns").unstarted(() -> {
      try {
        outcome.value = inNamespace(path, work);
      } catch (Throwable t) {
        outcome.failure = t;
      }
    });
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the thread is already in the namespace: let it finish and leave
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return switch (outcome.failure) {
      case null -> outcome.value;
      case IOException e -> throw e;
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IOException(outcome.failure.getMessage(), outcome.failure);
    };
  }

  private static <T> T inNamespace(Path path, Callable<T> work) throws Exception {
    int home = openFd(Path.of(OWN_NETNS));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      if (path == null) {
        if ((int) UNSHARE.invokeExact(state, CLONE_NEWNET) != 0) {
          throw Libc.failure("unshare", "network namespace", state);
        }
      } else {
        int target = openFd(path);
        int rc = (int) SETNS.invokeExact(state, target, CLONE_NEWNET);
        closeFd(target);
        if (rc != 0) {
          throw Libc.failure("setns", path.toString(), state);
        }
      }
      try {
        return work.call();
      } finally {
        if ((int) SETNS.invokeExact(state, home, CLONE_NEWNET) != 0) {
          throw Libc.failure("setns back to", OWN_NETNS, state);
        }
      }
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("network namespace " + path, t);
    } finally {
      closeFd(home);
    }
  }

  /** A read-only descriptor on {@code path}, e.g. a namespace file for IFLA_NET_NS_FD. */
  static int openFd(Path path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int fd = (int) Libc.OPEN.invokeExact(state, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        throw Libc.failure("open", path.toString(), state);
      }
      return fd;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("open " + path, t);
    }
  }

  static void closeFd(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      int ignored = (int) Libc.CLOSE.invokeExact(Libc.errnoState(arena), fd);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("close " + fd, t);
    }
  }
}
