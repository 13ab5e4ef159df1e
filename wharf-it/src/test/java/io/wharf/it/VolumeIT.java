package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Volumes, bind mounts and tmpfs through the real docker CLI: data kept across containers,
 * read-only mounts, the copy of an image's directory into a new volume, anonymous volumes going
 * with their container, in-use volumes kept, prune, disk usage, and Docker's errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VolumeIT extends BusyboxDaemonTest {
  @Test
  @Order(1)
  void namedVolumeDataOutlivesItsContainersAndReadOnlyRefusesWrites() throws Exception {
    assertThat(ok("volume", "create", "--label", "app=test", "data").stdout().strip()).isEqualTo("data");
    ok("run", "--name", "writer", "-v", "data:/data", "busybox", "sh", "-c", "echo kept > /data/file");
    ok("rm", "-v", "writer");
    assertThat(ok("run", "--rm", "-v", "data:/data:ro", "busybox", "cat", "/data/file").stdout()).isEqualTo("kept\n");
    CommandResult write = docker.run("run", "--rm", "-v", "data:/data:ro", "busybox", "sh", "-c", "echo x > /data/x");
    assertThat(write.exitCode()).isNotZero();
    assertThat(write.stderr()).contains("Read-only file system");
    String inspect = ok("volume", "inspect", "--format", "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels.app}} {{.Mountpoint}}",
        "data").stdout().strip();
    assertThat(inspect).startsWith("data local local test " + daemon.dataRoot().resolve("volumes/data/_data"));
  }

  @Test
  @Order(2)
  void aNewVolumeOverADirectoryOfTheImageGetsItsContent() throws Exception {
    assertThat(ok("run", "--rm", "-v", "etc:/etc", "busybox", "head", "-1", "/etc/passwd").stdout())
        .isEqualTo("root:x:0:0:root:/root:/bin/sh\n");
    assertThat(ok("run", "--rm", "--mount", "type=volume,source=empty,target=/etc,volume-nocopy", "busybox", "ls",
        "/etc").stdout()).isEmpty();
  }

  @Test
  @Order(3)
  void bindMountsGoBothWaysAndReadOnlyRefusesWrites() throws Exception {
    Path host = Files.createDirectories(work.resolve("bind"));
    Files.writeString(host.resolve("from-host"), "hello from the host\n");
    assertThat(ok("run", "--rm", "-v", host + ":/b", "busybox", "sh", "-c",
        "cat /b/from-host && echo hello from the container > /b/from-container").stdout())
        .isEqualTo("hello from the host\n");
    assertThat(Files.readString(host.resolve("from-container"))).isEqualTo("hello from the container\n");
    CommandResult ro = docker.run("run", "--rm", "--mount", "type=bind,source=" + host + ",target=/b,readonly",
        "busybox", "sh", "-c", "echo no > /b/no");
    assertThat(ro.exitCode()).isNotZero();
    assertThat(host.resolve("no")).doesNotExist();
  }

  @Test
  @Order(4)
  void tmpfsIsMountedWithItsSize() throws Exception {
    String df = ok("run", "--rm", "--tmpfs", "/scratch:size=1m", "busybox", "sh", "-c",
        "grep ' /scratch ' /proc/mounts; df -k /scratch | tail -1").stdout();
    assertThat(df).contains("tmpfs /scratch tmpfs").containsPattern("\\s1024\\s");
  }

  @Test
  @Order(5)
  void anonymousVolumesGoWithTheirContainerNamedOnesNever() throws Exception {
    ok("run", "--rm", "-v", "/anon", "-v", "data:/data", "busybox", "true");
    ok("create", "--name", "keeper", "-v", "/kept", "busybox", "true");
    String anonymous = ok("inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", "keeper").stdout().strip();
    assertThat(anonymous).matches("[0-9a-f]{64}");
    ok("rm", "keeper"); // without -v: the anonymous volume stays
    assertThat(ok("volume", "ls", "-q").stdout()).contains(anonymous).contains("data");
    ok("volume", "rm", anonymous);
    assertThat(ok("volume", "ls", "-q").stdout().lines().toList()).containsExactlyInAnyOrder("data", "etc", "empty");
  }

  @Test
  @Order(5)
  void volumesFromSharesAnotherContainersMounts() throws Exception {
    ok("create", "--name", "source", "-v", "shared:/shared", "busybox", "true");
    ok("run", "--rm", "--volumes-from", "source", "busybox", "sh", "-c", "echo via-volumes-from > /shared/f");
    assertThat(ok("run", "--rm", "--volumes-from", "source:ro", "busybox", "cat", "/shared/f").stdout())
        .isEqualTo("via-volumes-from\n");
    assertThat(docker.run("run", "--rm", "--volumes-from", "source:ro", "busybox", "touch", "/shared/g").exitCode())
        .isNotZero();
    ok("rm", "source");
    ok("volume", "rm", "shared");
  }

  @Test
  @Order(6)
  void aVolumeInUseIsNeitherRemovedNorPruned() throws Exception {
    ok("create", "--name", "user", "-v", "data:/data", "busybox", "true");
    CommandResult rm = docker.run("volume", "rm", "data");
    assertThat(rm.exitCode()).isNotZero();
    assertThat(rm.stderr()).contains("remove data: volume is in use - [");
    ok("volume", "prune", "-a", "-f");
    assertThat(ok("volume", "ls", "-q").stdout()).contains("data").doesNotContain("etc");
  }

  @Test
  @Order(7)
  void pruneTakesAnonymousVolumesUnlessAllAndDiskUsageCountsThem() throws Exception {
    ok("volume", "create", "named-unused");
    ok("create", "--name", "anon-owner", "-v", "/gone", "busybox", "true");
    ok("rm", "anon-owner");
    assertThat(ok("system", "df").stdout()).containsPattern("Local Volumes\\s+\\d+");
    String pruned = ok("volume", "prune", "-f").stdout();
    assertThat(pruned).contains("Total reclaimed space").doesNotContain("named-unused");
    assertThat(ok("volume", "ls", "-q").stdout()).contains("named-unused");
    assertThat(ok("volume", "prune", "-a", "-f").stdout()).contains("named-unused");
  }

  @Test
  @Order(8)
  void badMountsAreRefusedInDockersWords() throws Exception {
    CommandResult missing = docker.run("run", "--rm", "--mount", "type=bind,source=/nonexistent/wharf,target=/x",
        "busybox", "true");
    assertThat(missing.exitCode()).isEqualTo(125);
    assertThat(missing.stderr()).contains("bind source path does not exist: /nonexistent/wharf");
    CommandResult relative = docker.run("run", "--rm", "-v", "a/b:/x", "busybox", "true");
    assertThat(relative.exitCode()).isNotZero();
    CommandResult duplicate = docker.run("run", "--rm", "-v", "d1:/x", "-v", "d2:/x", "busybox", "true");
    assertThat(duplicate.exitCode()).isNotZero();
    assertThat(duplicate.stderr()).contains("Duplicate mount point: /x");
  }

  @Test
  @Order(9)
  void cpGoesBothWaysOnRunningAndStoppedContainers() throws Exception {
    Path local = Files.createDirectories(work.resolve("cp"));
    Files.writeString(local.resolve("in.txt"), "copied in\n");
    ok("run", "-d", "--name", "cpbox", "-v", "cpdata:/vol", "busybox", "sh", "-c",
        "mkdir -p /data /tmp && echo inside > /data/f && sleep 300");
    ok("exec", "cpbox", "test", "-f", "/data/f");
    ok("cp", local.resolve("in.txt").toString(), "cpbox:/data/");
    assertThat(ok("exec", "cpbox", "cat", "/data/in.txt").stdout()).isEqualTo("copied in\n");
    ok("cp", local.resolve("in.txt").toString(), "cpbox:/vol/");
    ok("cp", "cpbox:/data", local.resolve("out").toString());
    assertThat(Files.readString(local.resolve("out/f"))).isEqualTo("inside\n");
    ok("stop", "-t", "0", "cpbox");
    ok("cp", "cpbox:/vol/in.txt", local.resolve("from-volume.txt").toString());
    assertThat(Files.readString(local.resolve("from-volume.txt"))).isEqualTo("copied in\n");
    CommandResult missing = docker.run("cp", "cpbox:/nonexistent", local.toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("Could not find the file /nonexistent in container cpbox");
  }

  @Test
  @Order(10)
  void cpOntoASymlinkToRootStaysInsideTheContainer() throws Exception {
    String name = "wharf-it-escape-" + ProcessHandle.current().pid() + ".txt";
    Path local = Files.writeString(work.resolve(name), "must stay inside\n");
    ok("run", "-d", "--name", "linker", "busybox", "sh", "-c", "mkdir -p /tmp && ln -s / /escape && sleep 300");
    ok("exec", "linker", "test", "-L", "/escape");
    ok("cp", local.toString(), "linker:/escape/tmp/");
    assertThat(Path.of("/tmp", name)).doesNotExist();
    assertThat(ok("exec", "linker", "cat", "/tmp/" + name).stdout()).isEqualTo("must stay inside\n");
  }
}
