package io.wharf.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run of {@code wharf}'s AOT cache (built by {@code bin/build-aot} in the
 * package phase): the commands users run most, against a scratch wharfd when the build
 * started one ({@code args[0]} is its host), so that their classes come pre-loaded and
 * pre-linked. Its output goes nowhere.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "unix:///nonexistent/wharf.sock";
    Path tar = Files.createTempFile("wharf-aot-", ".tar");
    try {
      writeTar(tar);
      String[][] commands = {
          {"version"}, {"info"}, {"images"}, {"images", "--format", "{{json .}}"}, {"ps", "-a"},
          {"import", "-c", "CMD [\"sh\"]", tar.toString(), "aot/training:1"}, {"image", "inspect", "aot/training:1"},
          {"inspect", "-f", "{{.Id}} {{json .Config}}", "aot/training:1"}, {"history", "aot/training:1"},
          {"tag", "aot/training:1", "aot/training:2"}, {"save", "-o", tar + ".saved", "aot/training:2"},
          {"rmi", "aot/training:1", "aot/training:2"}, {"load", "-i", tar + ".saved"}, {"rmi", "aot/training:2"},
          {"inspect", "aot/nosuch"}, {"images", "--bad-flag"}, {"--help"}, {"images", "--help"}};
      for (String[] command : commands) {
        String[] withHost = new String[command.length + 2];
        withHost[0] = "-H";
        withHost[1] = host;
        System.arraycopy(command, 0, withHost, 2, command.length);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        Wharf.run(withHost, sink, sink, new ByteArrayInputStream(new byte[0]), Map.of());
      }
    } finally {
      Files.deleteIfExists(Path.of(tar + ".saved"));
      Files.deleteIfExists(tar);
    }
  }

  /** A one-file tar: a 512-byte header, the content padded to 512, two zero blocks. */
  private static void writeTar(Path tar) throws Exception {
    byte[] content = "trained\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] header = new byte[512];
    put(header, 0, "hello.txt");
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, "00000000000");
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum) + "\0 ");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    out.write(java.util.Arrays.copyOf(content, 512));
    out.write(new byte[1024]);
    Files.write(tar, out.toByteArray());
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
