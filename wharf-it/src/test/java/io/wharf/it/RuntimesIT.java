package io.wharf.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCI runtimes by name, as dockerd takes them ({@code --add-runtime NAME=PATH},
 * {@code --default-runtime}, {@code docker run --runtime}): here runc registered a second time
 * under another name (crun cannot run on these hosts' hybrid cgroups), with its own state.
 */
@Tag("root")
class RuntimesIT {
  @TempDir static Path work;

  @Test
  void containersRunUnderTheRuntimeTheyName() throws Exception {
    Path runc = Files.exists(Path.of("/usr/sbin/runc")) ? Path.of("/usr/sbin/runc") : Path.of("/usr/bin/runc");
    try (WharfDaemonProcess daemon = WharfDaemonProcess.start("--add-runtime", "other=" + runc)) {
      DockerCli docker = new DockerCli(daemon.host(), Files.createDirectories(work.resolve("docker-config")));
      docker.importBusybox(work, "busybox");
      assertThat(docker.run("info", "--format", "{{json .Runtimes}} {{.DefaultRuntime}}").stdout().strip())
          .isEqualTo("{\"other\":{\"path\":\"" + runc + "\"},\"runc\":{\"path\":\"" + runc + "\"}} runc");

      String id = docker.run("run", "-d", "--runtime", "other", "busybox", "sleep", "100000").stdout().strip();
      try {
        assertThat(docker.run("inspect", "-f", "{{.HostConfig.Runtime}} {{.State.Status}}", id).stdout().strip())
            .isEqualTo("other running");
        assertThat(daemon.base().resolve("exec/runtime-other").resolve(id)).isDirectory();
        assertThat(docker.run("exec", id, "echo", "inside").stdout()).isEqualTo("inside\n");
        assertThat(docker.run("stop", "-t", "1", id).exitCode()).isZero();
      } finally {
        docker.run("rm", "-f", id);
      }
      CommandResult unknown = docker.run("run", "--rm", "--runtime", "nosuch", "busybox", "true");
      assertThat(unknown.exitCode()).isEqualTo(125);
      assertThat(unknown.stderr()).contains("unknown or invalid runtime name: nosuch");
      assertThat(docker.run("ps", "-aq").stdout()).isBlank();
    }
  }
}
