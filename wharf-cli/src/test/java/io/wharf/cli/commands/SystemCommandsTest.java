package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemCommandsTest {
  private static final long THREE_DAYS_AGO = Instant.now().minus(Duration.ofDays(3)).getEpochSecond();
  private static final String TWO_HOURS_AGO = Instant.now().minus(Duration.ofHours(2)).toString();
  private static final String DF = """
      {"LayersSize":10000000,
       "Images":[
        {"Id":"sha256:6fd955f66c231c1a946653170d096a8b1d2a4a2f3d0a14ba7ac3b17f7f7a7f01","RepoTags":["busybox:latest"],
         "Created":%1$d,"Size":6000000,"SharedSize":1000000,"Containers":1},
        {"Id":"sha256:0a8b1d2a4a2f3d0a14ba7ac3b17f7f7a7f016fd955f66c231c1a946653170d09","RepoTags":["<none>:<none>"],
         "Created":%1$d,"Size":4000000,"SharedSize":1000000,"Containers":0}],
       "Containers":[
        {"Id":"5e2bd3f1a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7","Names":["/web"],"Image":"busybox",
         "Command":"sh -c 'while true; do sleep 1; done'","Created":%1$d,"State":"running","Status":"Up 3 days",
         "SizeRw":1000,"Mounts":[{"Driver":"local"},{"Type":"bind"}]},
        {"Id":"7a8b9c0d1e2f3a4b5c6d75e2bd3f1a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f","Names":["/old"],"Image":"busybox",
         "Command":"true","Created":%1$d,"State":"exited","Status":"Exited (0) 3 days ago","SizeRw":3000,"Mounts":[]}],
       "Volumes":[
        {"Name":"used","Driver":"local","UsageData":{"Size":2048,"RefCount":1}},
        {"Name":"spare","Driver":"local","UsageData":{"Size":1024,"RefCount":0}},
        {"Name":"unknown","Driver":"local","UsageData":{"Size":-1,"RefCount":0}}],
       "BuildCache":[
        {"ID":"k3j5q8x0v2w4y6z8a1b3c5d7","Type":"regular","Size":500,"CreatedAt":"%2$s","LastUsedAt":"%2$s",
         "UsageCount":2,"InUse":true,"Shared":false},
        {"ID":"m9n8b7v6c5x4z3a2s1d0f9g8","Type":"source.local","Size":1500,"CreatedAt":"%2$s","LastUsedAt":null,
         "UsageCount":1,"InUse":false,"Shared":false},
        {"ID":"q1w2e3r4t5y6u7i8o9p0a1s2","Type":"regular","Size":9999,"CreatedAt":"%2$s","LastUsedAt":"%2$s",
         "UsageCount":1,"InUse":false,"Shared":true}]}
      """.formatted(THREE_DAYS_AGO, TWO_HOURS_AGO);

  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon();
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void dfSummarisesEachKindAsDocker() {
    daemon.answer("/system/df", 200, DF);

    FakeDaemon.Result result = daemon.wharf("", "system", "df");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
        Images          2         1         10MB      5MB (50%)
        Containers      2         1         4kB       3kB (75%)
        Local Volumes   3         1         3.072kB   1.024kB (33%)
        Build Cache     3         1         2kB       1.5kB
        """);
    assertThat(daemon.request().uri()).isEqualTo("/v1.44/system/df");
  }

  @Test
  void dfOfNothingHasNoPercentages() {
    daemon.answer("/system/df", 200, "{\"LayersSize\":0,\"Images\":[],\"Containers\":[],\"Volumes\":[],\"BuildCache\":[]}");

    assertThat(daemon.wharf("", "system", "df").out()).isEqualTo("""
        TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
        Images          0         0         0B        0B
        Containers      0         0         0B        0B
        Local Volumes   0         0         0B        0B
        Build Cache     0         0         0B        0B
        """);
  }

  @Test
  void dfTakesATemplate() {
    daemon.answer("/system/df", 200, DF);

    assertThat(daemon.wharf("", "system", "df", "--format", "{{.Type}}: {{.Reclaimable}}").out())
        .isEqualTo("Images: 5MB (50%)\nContainers: 3kB (75%)\nLocal Volumes: 1.024kB (33%)\nBuild Cache: 1.5kB\n");
    assertThat(daemon.wharf("", "system", "df", "--format", "json").out().lines().findFirst().orElseThrow())
        .isEqualTo("{\"Active\":\"1\",\"Reclaimable\":\"5MB (50%)\",\"Size\":\"10MB\",\"TotalCount\":\"2\",\"Type\":\"Images\"}");
  }

  @Test
  void dfVerboseShowsEveryObject() {
    daemon.answer("/system/df", 200, DF);

    FakeDaemon.Result result = daemon.wharf("", "system", "df", "-v");

    assertThat(result.out()).isEqualTo("""
        Images space usage:

        REPOSITORY   TAG       IMAGE ID       CREATED      SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS
        busybox      latest    6fd955f66c23   3 days ago   6MB       1MB           5MB           1
        <none>       <none>    0a8b1d2a4a2f   3 days ago   4MB       1MB           3MB           0

        Containers space usage:

        CONTAINER ID   IMAGE     COMMAND                  LOCAL VOLUMES   SIZE      CREATED      STATUS                  NAMES
        5e2bd3f1a0b1   busybox   "sh -c 'while true; …"   1               1kB       3 days ago   Up 3 days               web
        7a8b9c0d1e2f   busybox   "true"                   0               3kB       3 days ago   Exited (0) 3 days ago   old

        Local Volumes space usage:

        VOLUME NAME   LINKS     SIZE
        used          1         2.048kB
        spare         0         1.024kB
        unknown       0         -1B

        Build cache usage: 2kB

        CACHE ID        CACHE TYPE     SIZE      CREATED       LAST USED     USAGE     SHARED
        m9n8b7v6c5x4    source.local   1.5kB     2 hours ago                 1         false
        k3j5q8x0v2w4*   regular        500B      2 hours ago   2 hours ago   2         false
        q1w2e3r4t5y6    regular        10kB      2 hours ago   2 hours ago   1         true
        """);
  }

  @Test
  void dfVerboseTemplateSeesTheLists() {
    daemon.answer("/system/df", 200, DF);

    assertThat(daemon.wharf("", "system", "df", "-v", "--format", "{{range .Volumes}}{{.Name}} {{end}}").out())
        .isEqualTo("used spare unknown ");
  }

  @Test
  void pruneAsksThenPrunesEachKindInDockersOrder() {
    daemon.answer("/containers/prune", 200, "{\"ContainersDeleted\":[\"7a8b9c0d\"],\"SpaceReclaimed\":3000}")
        .answer("/networks/prune", 200, "{\"NetworksDeleted\":[\"backend\"]}")
        .answer("/volumes/prune", 200, "{\"VolumesDeleted\":[\"spare\"],\"SpaceReclaimed\":1024}")
        .answer("/images/prune", 200, "{\"ImagesDeleted\":[{\"Untagged\":\"old:1\"},{\"Deleted\":\"sha256:0a8b\"}],"
            + "\"SpaceReclaimed\":4000000}")
        .answer("/build/prune", 200, "{\"CachesDeleted\":[\"m9n8b7v6\"],\"SpaceReclaimed\":1500}");

    FakeDaemon.Result result = daemon.wharf("y\n", "system", "prune", "--volumes");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        WARNING! This will remove:
          - all stopped containers
          - all networks not used by at least one container
          - all anonymous volumes not used by at least one container
          - all dangling images
          - unused build cache

        Are you sure you want to continue? [y/N] Deleted Containers:
        7a8b9c0d

        Deleted Networks:
        backend

        Deleted Volumes:
        spare

        Deleted Images:
        untagged: old:1
        deleted: sha256:0a8b

        Deleted build cache objects:
        m9n8b7v6

        Total reclaimed space: 4.006MB
        """);
    List<String> posts = daemon.requests().stream().filter(r -> r.method().equals("POST"))
        .map(r -> URLDecoder.decode(r.uri(), StandardCharsets.UTF_8)).toList();
    assertThat(posts).containsExactly("/v1.44/containers/prune", "/v1.44/networks/prune", "/v1.44/volumes/prune",
        "/v1.44/images/prune?filters={\"dangling\":{\"true\":true}}", "/v1.44/build/prune?filters=");
  }

  @Test
  void pruneAllWithFiltersPassesThemToEveryPrune() {
    daemon.answer(200, "{\"SpaceReclaimed\":0}");

    FakeDaemon.Result result = daemon.wharf("", "system", "prune", "-a", "-f", "--filter", "until=24h", "--filter", "label=x=y");

    assertThat(result.out()).isEqualTo("Total reclaimed space: 0B\n");
    List<String> posts = daemon.requests().stream().filter(r -> r.method().equals("POST"))
        .map(r -> URLDecoder.decode(r.uri(), StandardCharsets.UTF_8)).toList();
    String filters = "{\"label\":{\"x=y\":true},\"until\":{\"24h\":true}}";
    assertThat(posts).containsExactly("/v1.44/containers/prune?filters=" + filters, "/v1.44/networks/prune?filters=" + filters,
        "/v1.44/images/prune?filters={\"dangling\":{\"false\":true},\"label\":{\"x=y\":true},\"until\":{\"24h\":true}}",
        "/v1.44/build/prune?all=1&filters=" + filters);
  }

  @Test
  void thePromptListsTheFiltersAndANoCancelsQuietly() {
    FakeDaemon.Result result = daemon.wharf("n\n", "system", "prune", "-a", "--filter", "label=a=b");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("""
        WARNING! This will remove:
          - all stopped containers
          - all networks not used by at least one container
          - all images without at least one container associated to them
          - all build cache

          Items to be pruned will be filtered with:
          - label=a=b

        Are you sure you want to continue? [y/N] \
        """);
    assertThat(daemon.requests()).noneMatch(r -> r.method().equals("POST"));
  }

  @Test
  void untilCannotPruneVolumes() {
    FakeDaemon.Result result = daemon.wharf("", "system", "prune", "--volumes", "--filter", "until=1h");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("ERROR: The \"until\" filter is not supported with \"--volumes\"\n");
  }

  @Test
  void theSystemGroupHasDfInfoAndPrune() {
    String help = daemon.wharf("", "system", "--help").out();

    assertThat(help).contains("  df          Show docker disk usage\n").contains("  info        Display system-wide information\n")
        .contains("  prune       Remove unused data\n");
  }
}
