package io.wharf.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A bound {@code AF_NETLINK} socket of one protocol, in the network namespace of the thread
 * that opened it; sends a request and collects its answer up to the ack or the end of the dump.
 * Calls block in the kernel only briefly (rtnetlink answers while the request is sent). Not
 * thread-safe.
 */
final class NetlinkSocket implements AutoCloseable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 02000000;
  private static final int SOL_NETLINK = 270;
  private static final int NETLINK_CAP_ACK = 10;
  private static final int NETLINK_EXT_ACK = 11;
  private static final int MSG_TRUNC = 0x20;
  private static final int EINTR = 4;
  private static final int NLMSG_NOOP = 1;
  private static final int NLMSG_ERROR = 2;
  private static final int NLMSG_DONE = 3;
  private static final int NLMSG_OVERRUN = 4;
  private static final int NLM_F_DUMP_INTR = 0x10;
  private static final int NLM_F_CAPPED = 0x100;
  private static final int NLM_F_ACK_TLVS = 0x200;
  private static final int NLMSGERR_ATTR_MSG = 1;
  private static final int RECEIVE_SIZE = 65536;
  private static final int DUMP_ATTEMPTS = 5;
  private static final MethodHandle SOCKET = Libc.function("socket", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle BIND = Libc.function("bind", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle SETSOCKOPT = Libc.function("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle SENDTO = Libc.function("sendto", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
      ValueLayout.JAVA_INT));
  private static final MethodHandle RECV = Libc.function("recv", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

  /** One message of an answer: its type and its payload after the {@code nlmsghdr}. */
  record Reply(int type, ByteBuffer body) {}

  /** The kernel refused a request; {@link #errno} says why. */
  static final class KernelError extends IOException {
    final int errno;

    KernelError(String what, int errno, String detail) {
      super(what + ": " + Libc.strerror(errno) + (detail.isEmpty() ? "" : " (" + detail + ")"));
      this.errno = errno;
    }
  }

  private final int fd;
  private int sequence;
  private boolean closed;

  private NetlinkSocket(int fd) {
    this.fd = fd;
  }

  /** Opens and binds a socket of netlink {@code protocol}; the kernel picks its port id. */
  static NetlinkSocket open(int protocol) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      int fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
      if (fd < 0) {
        throw Libc.failure("socket", "netlink", state);
      }
      if ((int) BIND.invokeExact(state, fd, address(arena), 12) != 0) {
        IOException failure = Libc.failure("bind", "netlink", state);
        int ignored = (int) Libc.CLOSE.invokeExact(state, fd);
        throw failure;
      }
      // Best effort: acks without the echoed request, and the kernel's explanation of an error.
      MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
      int ignored = (int) SETSOCKOPT.invokeExact(state, fd, SOL_NETLINK, NETLINK_CAP_ACK, one, 4);
      ignored = (int) SETSOCKOPT.invokeExact(state, fd, SOL_NETLINK, NETLINK_EXT_ACK, one, 4);
      return new NetlinkSocket(fd);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("netlink socket", t);
    }
  }

  /**
   * Sends {@code message} and returns the answer's messages before the ack or NLMSG_DONE; an
   * NLMSG_ERROR becomes a {@link KernelError} "what: strerror". A dump the kernel marks as
   * inconsistent (links changed meanwhile) is asked again.
   */
  List<Reply> request(NetlinkMessage message, String what) throws IOException {
    if (closed) {
      throw new IOException(what + ": netlink socket closed");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.errnoState(arena);
      MemorySegment buffer = arena.allocate(RECEIVE_SIZE);
      for (int attempt = 1; ; attempt++) {
        int seq = ++sequence;
        ByteBuffer bytes = message.finish(seq);
        MemorySegment out = arena.allocate(bytes.remaining());
        out.asByteBuffer().put(bytes);
        long sent;
        do {
          sent = (long) SENDTO.invokeExact(state, fd, out, out.byteSize(), 0, address(arena), 12);
        } while (sent < 0 && Libc.errno(state) == EINTR);
        if (sent < 0) {
          throw Libc.failure("sendto", "netlink (" + what + ")", state);
        }
        List<Reply> replies = new ArrayList<>();
        if (!receive(buffer, state, seq, replies, what) || attempt == DUMP_ATTEMPTS) {
          return replies;
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(what, t);
    }
  }

  /** Reads the answer to {@code seq} into {@code replies}; true when a dump was interrupted. */
  private boolean receive(MemorySegment buffer, MemorySegment state, int seq, List<Reply> replies, String what)
      throws Throwable {
    boolean interrupted = false;
    while (true) {
      long n = (long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), MSG_TRUNC);
      if (n < 0) {
        if (Libc.errno(state) == EINTR) {
          continue;
        }
        throw Libc.failure("recv", "netlink (" + what + ")", state);
      }
      if (n > buffer.byteSize()) {
        throw new IOException(what + ": netlink answer of " + n + " bytes truncated");
      }
      ByteBuffer in = buffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder());
      for (int at = 0; at + NetlinkMessage.HEADER <= n; ) {
        int length = in.getInt(at);
        int type = Short.toUnsignedInt(in.getShort(at + 4));
        int flags = Short.toUnsignedInt(in.getShort(at + 6));
        int replySeq = in.getInt(at + 8);
        if (length < NetlinkMessage.HEADER || at + length > n) {
          throw new IOException(what + ": malformed netlink answer");
        }
        int start = at + NetlinkMessage.HEADER;
        at += (length + 3) & ~3;
        if (replySeq != seq || type == NLMSG_NOOP) {
          continue; // the rest of an answer abandoned by an earlier failed request
        }
        ByteBuffer body = ByteBuffer.allocate(length - NetlinkMessage.HEADER).order(ByteOrder.nativeOrder())
            .put(0, in, start, length - NetlinkMessage.HEADER);
        interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
        switch (type) {
          case NLMSG_ERROR -> {
            int error = -body.getInt(0);
            if (error != 0) {
              throw new KernelError(what, error, detail(body, flags));
            }
            return false;
          }
          case NLMSG_DONE -> {
            if (body.limit() >= 4 && body.getInt(0) < 0) {
              throw new KernelError(what, -body.getInt(0), "");
            }
            return interrupted;
          }
          case NLMSG_OVERRUN -> throw new IOException(what + ": netlink overrun");
          default -> replies.add(new Reply(type, body));
        }
      }
    }
  }

  /** The extended ack's message, after the error code and the echoed (capped) request header. */
  private static String detail(ByteBuffer error, int flags) {
    if ((flags & NLM_F_ACK_TLVS) == 0 || error.limit() < 4 + NetlinkMessage.HEADER) {
      return "";
    }
    int echoed = (flags & NLM_F_CAPPED) != 0 ? NetlinkMessage.HEADER : error.getInt(4);
    ByteBuffer message = NetlinkMessage.attributes(error, 4 + ((echoed + 3) & ~3)).get(NLMSGERR_ATTR_MSG);
    return message == null ? "" : NetlinkMessage.string(message);
  }

  /** A {@code struct sockaddr_nl} for the kernel (port 0, no multicast groups). */
  private static MemorySegment address(Arena arena) {
    MemorySegment address = arena.allocate(12);
    address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
    return address;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Arena arena = Arena.ofConfined()) {
      int ignored = (int) Libc.CLOSE.invokeExact(Libc.errnoState(arena), fd);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("close netlink socket", t);
    }
  }
}
