package io.wharf.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A connected {@code AF_UNIX}/{@code SOCK_SEQPACKET} socket (conmon's attach socket), which
 * the JDK's channels do not offer. Paths longer than {@code sun_path} are reached through
 * {@code /proc/self/fd/N/} of their directory, as conmon binds them. Calls block: use it from
 * platform threads (a blocked foreign call pins a virtual thread's carrier). One reader and
 * one writer may use it at once.
 */
public final class SeqPacketSocket implements AutoCloseable {
  private static final int AF_UNIX = 1;
  private static final int SOCK_SEQPACKET = 5;
  private static final int SOCK_CLOEXEC = 02000000;
  private static final int O_PATH = 010000000;
  private static final int O_CLOEXEC = 02000000;
  private static final int SHUT_WR = 1;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int EINTR = 4;
  private static final MethodHandle SOCKET = Libc.function("socket", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle CONNECT = Libc.function("connect", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle SEND = Libc.function("send", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
  private static final MethodHandle RECV = Libc.function("recv", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
  private static final MethodHandle SHUTDOWN = Libc.function("shutdown", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private final int fd;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

  private SeqPacketSocket(int fd) {
    this.fd = fd;
  }

  /** Connects to the socket bound at {@code path}. */
  public static SeqPacketSocket connect(Path path) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int dir = (int) Libc.OPEN.invokeExact(state, arena.allocateFrom(path.getParent().toString()), O_PATH | O_CLOEXEC);
      if (dir < 0) {
        throw Libc.failure("open", path.getParent().toString(), state);
      }
      try {
        int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        if (fd < 0) {
          throw Libc.failure("socket", path.toString(), state);
        }
        // struct sockaddr_un: sa_family_t (2 bytes), then sun_path[108]
        MemorySegment address = arena.allocate(110);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        byte[] name = ("/proc/self/fd/" + dir + "/" + path.getFileName()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (name.length > 107) {
          throw new IOException("socket name too long: " + path.getFileName());
        }
        MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
        int rc = (int) CONNECT.invokeExact(state, fd, address, 110);
        if (rc != 0) {
          IOException failure = Libc.failure("connect", path.toString(), state);
          int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
          throw failure;
        }
        return new SeqPacketSocket(fd);
      } finally {
        int ignored = (int) Libc.CLOSE.invokeExact(state, dir);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("connect " + path, t);
    }
  }

  /** Sends {@code length} bytes of {@code bytes} from {@code offset} as one packet. */
  public void send(byte[] bytes, int offset, int length) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment data = arena.allocate(Math.max(1, length));
      MemorySegment.copy(bytes, offset, data, ValueLayout.JAVA_BYTE, 0, length);
      long sent = 0;
      while (sent < length) {
        long n = (long) SEND.invokeExact(state, fd, data.asSlice(sent), length - sent, MSG_NOSIGNAL);
        if (n < 0) {
          if (Libc.errno(state) == EINTR) {
            continue;
          }
          throw Libc.failure("send", "attach socket", state);
        }
        sent += n;
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("send", t);
    }
  }

  /** Receives one packet into {@code buffer}; returns its length, or -1 at the end. */
  public int receive(byte[] buffer) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment data = arena.allocate(buffer.length);
      while (true) {
        long n = (long) RECV.invokeExact(state, fd, data, (long) buffer.length, 0);
        if (n < 0) {
          if (Libc.errno(state) == EINTR) {
            continue;
          }
          if (closed) {
            return -1;
          }
          throw Libc.failure("recv", "attach socket", state);
        }
        if (n == 0) {
          return -1;
        }
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) n);
        return (int) n;
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("recv", t);
    }
  }

  /** Ends what this side sends: the peer reads end of stream. */
  public void shutdownOutput() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      if ((int) SHUTDOWN.invokeExact(state, fd, SHUT_WR) != 0) {
        throw Libc.failure("shutdown", "attach socket", state);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("shutdown", t);
    }
  }

  /** Ends both directions: a reader blocked in {@link #receive} returns -1; then {@link #close}. */
  public void shutdown() throws IOException {
    closed = true;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int ignored = (int) SHUTDOWN.invokeExact(state, fd, 2);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("shutdown", t);
    }
  }

  /** Closes the descriptor; call it once no thread is in {@link #receive} or {@link #send}. */
  @Override
  public void close() throws IOException {
    closed = true;
    if (!released.compareAndSet(false, true)) {
      return;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("close", t);
    }
  }
}
