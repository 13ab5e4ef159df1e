package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.cli.Wharf;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuilderPruneCommandTest {
  private FakeDaemon daemon;

  record Result(int code, String out, String err) {}

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void forcedPruneListsTheDeletedCacheAndTheSpace() {
    daemon.answer(200, "{\"CachesDeleted\":[\"abc\",\"def\"],\"SpaceReclaimed\":2048}");

    Result result = wharf("", "builder", "prune", "-f");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Deleted build cache objects:\nabc\ndef\n\nTotal reclaimed space: 2.048kB\n");
    assertThat(URLDecoder.decode(daemon.request().uri(), StandardCharsets.UTF_8)).isEqualTo("/v1.44/build/prune?filters=");
    assertThat(daemon.request().method()).isEqualTo("POST");
  }

  @Test
  void nothingDeletedPrintsOnlyTheTotal() {
    daemon.answer(200, "{\"CachesDeleted\":null,\"SpaceReclaimed\":0}");

    assertThat(wharf("", "builder", "prune", "--force").out()).isEqualTo("Total reclaimed space: 0B\n");
  }

  @Test
  void itAsksFirstAndANoCancelsQuietly() {
    Result result = wharf("n\n", "builder", "prune", "-a");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] ");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void aYesPrunesTheDanglingCache() {
    daemon.answer(200, "{\"CachesDeleted\":[],\"SpaceReclaimed\":0}");

    Result result = wharf("y\n", "builder", "prune");

    assertThat(result.out()).startsWith("WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ");
    assertThat(daemon.requests()).isNotEmpty();
  }

  @Test
  void allFiltersAndKeepStorageGoInTheQuery() {
    BuilderPruneCommand prune = new BuilderPruneCommand();
    prune.parse(new String[] {"-a", "--filter", "until=24h", "--filter", "type = regular", "--keep-storage", "1gb"});

    assertThat(prune.query()).containsExactly(Map.entry("all", "1"),
        Map.entry("filters", "{\"until\":{\"24h\":true},\"type\":{\"regular\":true}}"),
        Map.entry("keep-storage", 1L << 30));
  }

  @Test
  void flagAndArgumentErrorsAreDockers() {
    Result badFilter = wharf("", "builder", "prune", "--filter", "nope");
    assertThat(badFilter.code()).isEqualTo(125);
    assertThat(badFilter.err()).startsWith("invalid argument \"nope\" for \"--filter\" flag: bad format of filter (expected name=value)");

    Result extra = wharf("", "builder", "prune", "x");
    assertThat(extra.code()).isEqualTo(1);
    assertThat(extra.err()).startsWith("\"wharf builder prune\" accepts no arguments.\nSee 'wharf builder prune --help'.");
  }

  private Result wharf(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] withHost = new String[args.length + 2];
    withHost[0] = "-H";
    withHost[1] = daemon.host();
    System.arraycopy(args, 0, withHost, 2, args.length);
    int code = Wharf.run(withHost, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), Map.of());
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
