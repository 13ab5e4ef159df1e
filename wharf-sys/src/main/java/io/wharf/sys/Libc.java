package io.wharf.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Handles on the C library's functions, with errno captured right after each call (the JVM
 * may overwrite errno otherwise). Thread-safe: handles are immutable.
 */
final class Libc {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
  private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
      .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle STRERROR = LINKER.downcallHandle(
      LIBC.find("strerror").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_BYTE), ValueLayout.JAVA_INT));

  /** {@code int open(const char *path, int flags)}, errno captured. */
  static final MethodHandle OPEN = function("open", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  /** {@code ssize_t read(int fd, void *buf, size_t count)}, errno captured. */
  static final MethodHandle READ = function("read", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  /** {@code int close(int fd)}, errno captured. */
  static final MethodHandle CLOSE = function("close", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private Libc() {}

  /** A handle on {@code name} whose first argument is the captured-state segment. */
  static MethodHandle function(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(
        () -> new UnsatisfiedLinkError("libc has no " + name)), descriptor, CAPTURE_ERRNO);
  }

  /** A segment to receive errno; allocate one per call in the call's arena. */
  static MemorySegment errnoState(Arena arena) {
    return arena.allocate(Linker.Option.captureStateLayout());
  }

  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** An IOException "what path: strerror(errno)". */
  static IOException failure(String call, String path, MemorySegment state) {
    return new IOException(call + " " + path + ": " + strerror(errno(state)));
  }

  /** The C library's text for {@code errno}, e.g. "File exists". */
  static String strerror(int errno) {
    try {
      MemorySegment message = (MemorySegment) STRERROR.invokeExact(errno);
      return message.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
