package io.wharf.engine.runtime;

import io.wharf.sys.SeqPacketSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A connection to conmon's attach socket used for the container's stdin: writes go to the
 * container's stdin pipe or terminal; {@link #closeInput} is the end of its stdin (conmon closes
 * the pipe when the connection's input ends). conmon also copies the container's output to
 * every attached connection and blocks when one is not read, so a platform thread drains it
 * (the output reaches clients from the log instead). Thread-safe for one writer.
 */
public final class ConmonAttach extends OutputStream {
  private final SeqPacketSocket socket;
  private final Thread drain;

  private ConmonAttach(SeqPacketSocket socket) {
    this.socket = socket;
    this.drain = Thread.ofPlatform().daemon().name("wharf-attach-drain").start(this::drain);
  }

  static ConmonAttach connect(Path socketPath) throws IOException {
    return new ConmonAttach(SeqPacketSocket.connect(socketPath));
  }

  private void drain() {
    byte[] buffer = new byte[32 * 1024];
    try {
      while (socket.receive(buffer) >= 0) {
        // discard: the log has it
      }
    } catch (IOException e) {
      // conmon went away
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    // conmon reads at most 8191 bytes a packet: keep packets below that
    for (int at = 0; at < length; at += 8000) {
      socket.send(bytes, offset + at, Math.min(8000, length - at));
    }
  }

  /** The end of the container's stdin. */
  public void closeInput() throws IOException {
    socket.shutdownOutput();
  }

  /** Drops the connection (conmon then ends stdin too, unless told to leave it open). */
  @Override
  public void close() throws IOException {
    socket.shutdown();
  }

  /** True until conmon has closed the connection (the container exited). */
  public boolean isOpen() {
    return drain.isAlive();
  }
}
