package io.wharf.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** Docker's multiplexed stream (8-byte header: stream, 0, 0, 0, big-endian size) split to stdout and stderr. */
final class Frames {
  private Frames() {}

  static void copy(InputStream in, PrintStream out, PrintStream err) throws IOException {
    byte[] header = new byte[8];
    while (in.readNBytes(header, 0, 8) == 8) {
      int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      byte[] payload = in.readNBytes(size);
      PrintStream target = header[0] == 2 ? err : out;
      target.write(payload);
      target.flush();
    }
  }
}
