package io.wharf.engine.build.context;

import static io.wharf.engine.build.context.Fixtures.mode;
import static io.wharf.engine.build.context.Fixtures.mtimeSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteSourceTest {
  @TempDir Path scratch;
  HttpServer server;
  String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/files/tool.sh", ex -> {
      ex.getResponseHeaders().add("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
      respond(ex, 200, "#!/bin/sh\necho hi\n");
    });
    server.createContext("/plain.txt", ex -> respond(ex, 200, "plain"));
    server.createContext("/moved", ex -> {
      ex.getResponseHeaders().add("Location", base + "/files/tool.sh");
      respond(ex, 302, "");
    });
    server.createContext("/missing", ex -> respond(ex, 404, "no such thing\n"));
    server.createContext("/broken", ex -> respond(ex, 500, "oops"));
    server.createContext("/dir/", ex -> {
      ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"report.csv\"");
      respond(ex, 200, "a,b");
    });
    server.createContext("/", ex -> respond(ex, 200, "index"));
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void aDownloadIsNamedAfterTheUrlMode0600WithItsLastModifiedTime() throws Exception {
    CopySource source = RemoteSource.fetch(base + "/files/tool.sh", scratch);
    assertThat(source.remote()).isTrue();
    assertThat(source.relative()).isEqualTo("tool.sh");
    assertThat(source.path().getFileName().toString()).isEqualTo("tool.sh");
    assertThat(source.path()).startsWith(scratch).hasContent("#!/bin/sh\necho hi");
    assertThat(mode(source.path())).isEqualTo(0600);
    assertThat(mtimeSeconds(source.path())).isEqualTo(Instant.parse("2015-10-21T07:28:00Z").getEpochSecond());
  }

  @Test
  void withoutLastModifiedTheMtimeIsTheEpoch() throws Exception {
    assertThat(mtimeSeconds(RemoteSource.fetch(base + "/plain.txt", scratch).path())).isZero();
  }

  @Test
  void redirectsAreFollowedAndTheNameComesFromTheRequestedUrl() throws Exception {
    CopySource source = RemoteSource.fetch(base + "/moved", scratch);
    assertThat(source.relative()).isEqualTo("moved");
    assertThat(source.path()).hasContent("#!/bin/sh\necho hi");
  }

  @Test
  void aPathEndingWithASlashTakesTheContentDispositionName() throws Exception {
    assertThat(RemoteSource.fetch(base + "/dir/", scratch).relative()).isEqualTo("report.csv");
  }

  @Test
  void withNoNameAtAllTheDownloadIsUnnamed() throws Exception {
    CopySource source = RemoteSource.fetch(base + "/", scratch);
    assertThat(source.relative()).isEmpty();
    assertThat(source.path()).hasContent("index");
    assertThat(source.baseName()).isEqualTo("__unnamed__");
  }

  @Test
  void errorStatusesFailInDockersWords() throws Exception {
    assertThatThrownBy(() -> RemoteSource.fetch(base + "/missing", scratch)).isInstanceOf(NotFound.class)
        .hasMessage("ADD failed: failed to GET " + base + "/missing with status 404 Not Found: no such thing");
    assertThatThrownBy(() -> RemoteSource.fetch(base + "/broken", scratch)).isInstanceOf(InvalidArgument.class)
        .hasMessage("ADD failed: failed to GET " + base + "/broken with status 500 Internal Server Error: oops");
    try (var left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void nameHelpersFollowDocker() {
    assertThat(RemoteSource.fileName("/a/b/c.tgz", null)).isEqualTo("c.tgz");
    assertThat(RemoteSource.fileName("", "inline; filename=x.bin")).isEqualTo("x.bin");
    assertThat(RemoteSource.fileName("/dir/", "attachment; filename=\"sub/y.bin\"")).isEqualTo("y.bin");
    assertThat(RemoteSource.fileName("/dir/", "attachment; filename=\"sub/\"")).isEmpty();
    assertThat(HttpStatus.lastModified("Sunday, 06-Nov-94 08:49:37 GMT").toInstant())
        .isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
    assertThat(HttpStatus.lastModified("Sun Nov  6 08:49:37 1994").toInstant())
        .isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
    assertThat(HttpStatus.lastModified("garbage").toInstant()).isEqualTo(Instant.EPOCH);
  }
}
