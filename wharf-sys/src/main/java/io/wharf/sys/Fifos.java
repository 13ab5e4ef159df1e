package io.wharf.sys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Reading a named pipe's one message without blocking forever on a writer that never comes:
 * the JDK's open of a FIFO blocks until a writer opens it, with no way out when the writer died
 * first. Here the pipe is opened non-blocking and polled, with a check between polls.
 * Thread-safe.
 */
public final class Fifos {
  private static final int O_RDONLY = 0;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  private static final short POLLIN = 0x1;
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final MethodHandle POLL = Libc.function("poll", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

  private Fifos() {}

  /**
   * Everything a writer of {@code fifo} writes, up to its close: waits for the writer in polls of
   * {@code tickMillis}, and gives up with an IOException when {@code keepWaiting} says no between
   * two polls. A non-blocking reader does not see a writer that comes and goes before it opened
   * (Linux reports the hang-up only for writers seen after the open).
   */
  public static byte[] readAll(Path fifo, int tickMillis, BooleanSupplier keepWaiting) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int fd = (int) Libc.OPEN.invokeExact(state, arena.allocateFrom(fifo.toString()), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0) {
        throw Libc.failure("open", fifo.toString(), state);
      }
      try {
        MemorySegment pollfd = arena.allocate(8); // struct pollfd { int fd; short events; short revents; }
        pollfd.set(ValueLayout.JAVA_INT, 0, fd);
        pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        MemorySegment buffer = arena.allocate(256);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        boolean writerSeen = false;
        while (true) {
          pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
          int ready = (int) POLL.invokeExact(state, pollfd, 1L, tickMillis);
          if (ready < 0 && Libc.errno(state) != EINTR) {
            throw Libc.failure("poll", fifo.toString(), state);
          }
          if (ready <= 0) {
            if (!keepWaiting.getAsBoolean()) {
              throw new IOException("nobody wrote to " + fifo);
            }
            continue;
          }
          // readable or hung up: take what is there; 0 after a writer was seen is its close
          while (true) {
            long n = (long) Libc.READ.invokeExact(state, fd, buffer, buffer.byteSize());
            if (n > 0) {
              writerSeen = true;
              read.write(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
              continue;
            }
            if (n == 0) {
              if (writerSeen || pollHungUp(pollfd)) {
                return read.toByteArray();
              }
              break; // no writer yet
            }
            int errno = Libc.errno(state);
            if (errno == EAGAIN) {
              writerSeen = true; // a writer holds it open without having written all
              break;
            }
            if (errno != EINTR) {
              throw Libc.failure("read", fifo.toString(), state);
            }
          }
        }
      } finally {
        int ignored = (int) Libc.CLOSE.invokeExact(state, fd); // read-only: nothing to lose
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("reading " + fifo, t);
    }
  }

  private static boolean pollHungUp(MemorySegment pollfd) {
    return (pollfd.get(ValueLayout.JAVA_SHORT, 6) & 0x10) != 0; // POLLHUP
  }
}
