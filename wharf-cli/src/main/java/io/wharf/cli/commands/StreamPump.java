package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Copies a hijacked stream (attach, exec): the user's stdin to the daemon on a thread of its
 * own, ending with a half-close so the process reads end of file, and the output (frames, or
 * raw bytes with a terminal) to stdout and stderr until the daemon ends it.
 */
final class StreamPump {
  private StreamPump() {}

  static void run(EngineClient.Hijacked stream, InputStream stdin, boolean tty, PrintStream out, PrintStream err)
      throws IOException {
    if (stdin != null) {
      Thread.ofPlatform().daemon().name("stdin").start(() -> {
        byte[] buffer = new byte[8192];
        try {
          int n;
          while ((n = stdin.read(buffer)) >= 0) {
            stream.write(buffer, 0, n);
          }
          stream.closeInput();
        } catch (IOException e) {
          // the stream ended first
        }
      });
    }
    if (tty) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = stream.output().read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } else {
      Frames.copy(stream.output(), out, err);
    }
  }
}
