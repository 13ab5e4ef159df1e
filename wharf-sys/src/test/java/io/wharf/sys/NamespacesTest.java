package io.wharf.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("root")
class NamespacesTest {
  private static final Path OWN_NETNS = Path.of("/proc/thread-self/ns/net");

  @TempDir Path dir;
  Path ns;

  @AfterEach
  void deleteNamespace() throws IOException {
    if (ns != null) {
      Namespaces.deleteNetns(ns);
    }
  }

  @Test
  void createNetnsKeepsANewNamespaceMountedWithLoopbackUp() throws Exception {
    ns = dir.resolve("ns");
    Namespaces.createNetns(ns);

    assertThat(mountinfo()).contains(" " + ns + " ");
    assertThat(Namespaces.inNetns(ns, () -> Files.readSymbolicLink(OWN_NETNS)))
        .isNotEqualTo(Files.readSymbolicLink(OWN_NETNS));
    assertThat(NetlinkTest.run("nsenter", "--net=" + ns, "ip", "-o", "link"))
        .containsPattern("1: lo: <LOOPBACK,UP,LOWER_UP>").doesNotContain("2: ");
  }

  @Test
  void inNetnsLeavesTheCallerInItsOwnNamespace() throws Exception {
    ns = dir.resolve("ns");
    Namespaces.createNetns(ns);
    Path before = Files.readSymbolicLink(OWN_NETNS);

    Path inside = Namespaces.inNetns(ns, () -> Files.readSymbolicLink(OWN_NETNS));

    assertThat(Files.readSymbolicLink(OWN_NETNS)).isEqualTo(before);
    assertThat(Namespaces.inNetns(ns, () -> Files.readSymbolicLink(OWN_NETNS))).isEqualTo(inside);
  }

  @Test
  void channelsOpenedInsideStayInTheNamespaceWhenUsedOutside() throws Exception {
    ns = dir.resolve("ns");
    Namespaces.createNetns(ns);
    try (ServerSocketChannel server = Namespaces.inNetns(ns,
            () -> ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)));
        SocketChannel client = Namespaces.inNetns(ns, SocketChannel::open)) {
      client.connect(server.getLocalAddress());
      try (SocketChannel accepted = server.accept()) {
        client.write(ByteBuffer.wrap(new byte[] {42}));
        ByteBuffer read = ByteBuffer.allocate(1);
        accepted.read(read);
        assertThat(read.get(0)).isEqualTo((byte) 42);
      }
      String port = Integer.toHexString(((InetSocketAddress) server.getLocalAddress()).getPort()).toUpperCase();
      assertThat(Files.readString(Path.of("/proc/net/tcp"))).doesNotContainPattern("0100007F:0*" + port + " ");
    }
  }

  @Test
  void inNetnsRethrowsWhatTheWorkThrows() throws IOException {
    ns = dir.resolve("ns");
    Namespaces.createNetns(ns);
    IOException io = new IOException("boom");

    assertThatThrownBy(() -> Namespaces.inNetns(ns, () -> { throw io; })).isSameAs(io);
    assertThatThrownBy(() -> Namespaces.inNetns(ns, () -> { throw new IllegalStateException("bad"); }))
        .isInstanceOf(IllegalStateException.class).hasMessage("bad");
    assertThatThrownBy(() -> Namespaces.inNetns(ns, () -> { throw new TimeoutException("late"); }))
        .isInstanceOf(IOException.class).hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void inNetnsOfAFileThatIsNoNamespaceFails() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    assertThatThrownBy(() -> Namespaces.inNetns(plain, () -> null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("setns " + plain).hasMessageContaining("Invalid argument");
    assertThatThrownBy(() -> Namespaces.inNetns(dir.resolve("missing"), () -> null))
        .isInstanceOf(IOException.class).hasMessageContaining("No such file or directory");
  }

  @Test
  void createNetnsRefusesAnExistingFile() throws IOException {
    Path existing = Files.writeString(dir.resolve("ns"), "keep");
    assertThatThrownBy(() -> Namespaces.createNetns(existing)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(existing).hasContent("keep");
  }

  @Test
  void deleteNetnsRemovesTheMountAndTheFile() throws IOException {
    Path deleted = dir.resolve("ns");
    Namespaces.createNetns(deleted);

    Namespaces.deleteNetns(deleted);

    assertThat(deleted).doesNotExist();
    assertThat(mountinfo()).doesNotContain(" " + deleted + " ");
    Namespaces.deleteNetns(deleted);
  }

  private static String mountinfo() throws IOException {
    return Files.readString(Path.of("/proc/self/mountinfo"));
  }
}
