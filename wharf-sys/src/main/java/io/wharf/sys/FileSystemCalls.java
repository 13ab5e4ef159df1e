package io.wharf.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * File system calls the JDK does not offer: device nodes (overlayfs whiteouts are character
 * devices 0:0) and extended attributes on the link itself ({@code trusted.overlay.opaque}).
 * Thread-safe.
 */
public final class FileSystemCalls {
  private static final MethodHandle MKNOD = Libc.function("mknod", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
  private static final MethodHandle LSETXATTR = Libc.function("lsetxattr", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
  private static final MethodHandle LGETXATTR = Libc.function("lgetxattr", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG));
  private static final MethodHandle MKFIFO = Libc.function("mkfifo", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final int S_IFCHR = 0020000;
  private static final int ENODATA = 61;

  private FileSystemCalls() {}

  /** Creates a character device {@code major:minor} at {@code path} with permission bits {@code mode}. */
  public static void mknodChar(Path path, int mode, int major, int minor) throws IOException {
    long dev = makedev(major, minor);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int rc = (int) MKNOD.invokeExact(state, arena.allocateFrom(path.toString()), S_IFCHR | (mode & 07777), dev);
      if (rc != 0) {
        throw Libc.failure("mknod", path.toString(), state);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("mknod " + path, t);
    }
  }

  /** Creates a named pipe at {@code path} with permission bits {@code mode}. */
  public static void mkfifo(Path path, int mode) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int rc = (int) MKFIFO.invokeExact(state, arena.allocateFrom(path.toString()), mode & 07777);
      if (rc != 0) {
        throw Libc.failure("mkfifo", path.toString(), state);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("mkfifo " + path, t);
    }
  }

  /** Sets the extended attribute {@code name} of {@code path} itself (not of a link's target). */
  public static void setXattr(Path path, String name, byte[] value) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment data = arena.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, data, ValueLayout.JAVA_BYTE, 0, value.length);
      int rc = (int) LSETXATTR.invokeExact(state, arena.allocateFrom(path.toString()),
          arena.allocateFrom(name), data, (long) value.length, 0);
      if (rc != 0) {
        throw Libc.failure("lsetxattr " + name, path.toString(), state);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("lsetxattr " + path, t);
    }
  }

  /** The extended attribute {@code name} of {@code path} itself, or null when it has none. */
  public static byte[] getXattr(Path path, String name) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment data = arena.allocate(65536);
      long n = (long) LGETXATTR.invokeExact(state, arena.allocateFrom(path.toString()),
          arena.allocateFrom(name), data, 65536L);
      if (n < 0) {
        if (Libc.errno(state) == ENODATA) {
          return null;
        }
        throw Libc.failure("lgetxattr " + name, path.toString(), state);
      }
      return data.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("lgetxattr " + path, t);
    }
  }

  /** glibc's makedev(3). */
  static long makedev(int major, int minor) {
    long ma = major & 0xffffffffL;
    long mi = minor & 0xffffffffL;
    return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
  }

  /** glibc's major(3): the major number of a device number ({@code unix:rdev}). */
  public static int major(long dev) {
    return (int) (((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L));
  }

  /** glibc's minor(3). */
  public static int minor(long dev) {
    return (int) ((dev & 0xffL) | ((dev >>> 12) & 0xffffff00L));
  }

}
