package io.wharf.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A pseudo-terminal pair: this side holds the master, a child process gets the slave (by
 * path) as its stdio and controlling terminal. Reads and writes block: use them from platform
 * threads. One reader and one writer at a time.
 */
public final class Pty implements AutoCloseable {
  private static final int O_RDWR = 02;
  private static final int O_NOCTTY = 0400;
  private static final int O_CLOEXEC = 02000000;
  private static final long TIOCSWINSZ = 0x5414;
  private static final int EINTR = 4;
  private static final int EIO = 5;
  private static final MethodHandle POSIX_OPENPT = Libc.function("posix_openpt", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle GRANTPT = Libc.function("grantpt", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle UNLOCKPT = Libc.function("unlockpt", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle PTSNAME_R = Libc.function("ptsname_r", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  private static final MethodHandle WRITE = Libc.function("write", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
  private static final MethodHandle IOCTL = Libc.function("ioctl", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

  private final int master;
  private final Path slave;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private Pty(int master, Path slave) {
    this.master = master;
    this.slave = slave;
  }

  /** Opens a new pair. */
  public static Pty open() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int fd = (int) POSIX_OPENPT.invokeExact(state, O_RDWR | O_NOCTTY | O_CLOEXEC);
      if (fd < 0) {
        throw Libc.failure("posix_openpt", "/dev/ptmx", state);
      }
      MemorySegment name = arena.allocate(128);
      if ((int) GRANTPT.invokeExact(state, fd) != 0 || (int) UNLOCKPT.invokeExact(state, fd) != 0
          || (int) PTSNAME_R.invokeExact(state, fd, name, 128L) != 0) {
        IOException failure = Libc.failure("unlockpt", "/dev/ptmx", state);
        int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
        throw failure;
      }
      return new Pty(fd, Path.of(name.getString(0)));
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("posix_openpt", t);
    }
  }

  /** The slave's path ({@code /dev/pts/N}), for the child's stdio. */
  public Path slave() {
    return slave;
  }

  /** Sets the terminal's size: the foreground process group gets SIGWINCH. */
  public void resize(int rows, int columns) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment size = arena.allocate(8); // struct winsize: rows, cols, xpixel, ypixel (unsigned short)
      size.set(ValueLayout.JAVA_SHORT, 0, (short) rows);
      size.set(ValueLayout.JAVA_SHORT, 2, (short) columns);
      if ((int) IOCTL.invokeExact(state, master, TIOCSWINSZ, size) != 0) {
        throw Libc.failure("ioctl TIOCSWINSZ", slave.toString(), state);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("ioctl", t);
    }
  }

  /** What the child writes; ends (-1) once every holder of the slave has closed it. */
  public InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
          MemorySegment state = Libc.errnoState(arena);
          MemorySegment data = arena.allocate(len);
          while (true) {
            long n = (long) Libc.READ.invokeExact(state, master, data, (long) len);
            if (n < 0) {
              int errno = Libc.errno(state);
              if (errno == EINTR) {
                continue;
              }
              if (errno == EIO || closed.get()) {
                return -1; // the slave side is closed: Linux reports EIO on the master
              }
              throw Libc.failure("read", slave.toString(), state);
            }
            if (n == 0) {
              return -1;
            }
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
            return (int) n;
          }
        } catch (IOException | RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IOException("read", t);
        }
      }
    };
  }

  /** What the child reads, as typed on its terminal. */
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
          MemorySegment state = Libc.errnoState(arena);
          MemorySegment data = arena.allocate(Math.max(1, len));
          MemorySegment.copy(b, off, data, ValueLayout.JAVA_BYTE, 0, len);
          long written = 0;
          while (written < len) {
            long n = (long) WRITE.invokeExact(state, master, data.asSlice(written), len - written);
            if (n < 0) {
              if (Libc.errno(state) == EINTR) {
                continue;
              }
              throw Libc.failure("write", slave.toString(), state);
            }
            written += n;
          }
        } catch (IOException | RuntimeException | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IOException("write", t);
        }
      }
    };
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int ignored = (int) Libc.CLOSE.invokeExact(state, master);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("close", t);
    }
  }
}
