package io.wharf.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * {@code mount(2)} and {@code umount2(2)}, called directly: no {@code mount} process on the
 * path that starts a container. Thread-safe.
 */
public final class MountCalls {
  /** {@code MNT_DETACH}: lazy unmount, for a mount that may still be busy. */
  public static final int MNT_DETACH = 2;
  private static final int EINVAL = 22;
  private static final int ENOENT = 2;
  private static final MethodHandle MOUNT = Libc.function("mount", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
  private static final MethodHandle UMOUNT2 = Libc.function("umount2", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

  private MountCalls() {}

  /** Mounts {@code source} of file system {@code type} on {@code target} with {@code flags} and {@code data} (-o). */
  public static void mount(String source, Path target, String type, long flags, String data) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment options = data == null ? MemorySegment.NULL : arena.allocateFrom(data);
      int rc = (int) MOUNT.invokeExact(state, arena.allocateFrom(source), arena.allocateFrom(target.toString()),
          arena.allocateFrom(type), flags, options);
      if (rc != 0) {
        throw Libc.failure("mount " + type + " " + source + " on", target.toString(), state);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("mount " + target, t);
    }
  }

  /** Unmounts {@code target}; returns false when nothing was mounted there (or it does not exist). */
  public static boolean unmount(Path target, int flags) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int rc = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target.toString()), flags);
      if (rc != 0) {
        if (Libc.errno(state) == EINVAL || Libc.errno(state) == ENOENT) {
          return false;
        }
        throw Libc.failure("umount", target.toString(), state);
      }
      return true;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("umount " + target, t);
    }
  }
}
