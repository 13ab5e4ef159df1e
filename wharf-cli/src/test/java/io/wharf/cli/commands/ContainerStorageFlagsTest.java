package io.wharf.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.client.JsonValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerStorageFlagsTest {
  private FakeDaemon daemon;

  @BeforeEach
  void startDaemon() throws Exception {
    daemon = new FakeDaemon().answer(201, "{\"Id\":\"c0ffee\",\"Warnings\":[]}");
  }

  @AfterEach
  void stopDaemon() {
    daemon.close();
  }

  @Test
  void volumesWithASourceAreBindsAndAnonymousOnesAreConfigVolumes() {
    FakeDaemon.Result result = daemon.wharf("", "create", "-v", "data:/data:ro", "--volume", "/host/src:/src:rw,Z",
        "-v", "/cache", "-v", "data:/data:ro", "-v", "/a", "busybox");

    assertThat(result.code()).isZero();
    Map<String, Object> body = body();
    assertThat(hostConfig(body)).containsEntry("Binds", List.of("data:/data:ro", "/host/src:/src:rw,Z"));
    assertThat(JsonValues.write(body.get("Volumes"))).isEqualTo("{\"/a\":{},\"/cache\":{}}");
  }

  @Test
  void withoutVolumesDockerStillSendsAnEmptyVolumeSet() {
    daemon.wharf("", "create", "busybox");

    assertThat(JsonValues.write(body().get("Volumes"))).isEqualTo("{}");
    assertThat(hostConfig(body())).doesNotContainKeys("Binds", "Mounts", "Tmpfs", "VolumesFrom");
  }

  @Test
  void aRelativeHostPathBecomesAbsolute() {
    String cwd = Path.of("").toAbsolutePath().toString();

    daemon.wharf("", "run", "-d", "-v", "./site:/usr/share/html:ro", "-v", ".:/app", "-v", "../up:/up", "busybox");

    String parent = Path.of(cwd).getParent().toString();
    assertThat(hostConfig(body())).containsEntry("Binds",
        List.of(cwd + "/site:/usr/share/html:ro", cwd + ":/app", parent + "/up:/up"));
  }

  @Test
  void tmpfsAndVolumesFromGoToHostConfig() {
    daemon.wharf("", "create", "--tmpfs", "/run:rw,size=64m", "--tmpfs", "/tmp", "--volumes-from", "web:ro",
        "--volumes-from", "db", "--volume-driver", "local", "busybox");

    Map<String, Object> hostConfig = hostConfig(body());
    assertThat(JsonValues.write(hostConfig.get("Tmpfs"))).isEqualTo("{\"/run\":\"rw,size=64m\",\"/tmp\":\"\"}");
    assertThat(hostConfig).containsEntry("VolumesFrom", List.of("web:ro", "db")).containsEntry("VolumeDriver", "local");
  }

  @Test
  void mountsAreSentAsDockersMountObjects() {
    daemon.wharf("", "create",
        "--mount", "type=volume,source=data,target=/data,volume-nocopy,volume-label=team=a,volume-opt=type=nfs,volume-opt=o=addr=10.0.0.1",
        "--mount", "type=bind,src=/srv,dst=/srv,readonly,bind-propagation=rshared",
        "--mount", "type=tmpfs,destination=/scratch,tmpfs-size=1m,tmpfs-mode=1770",
        "--mount", "target=/anon",
        "busybox");

    assertThat(JsonValues.write(hostConfig(body()).get("Mounts"))).isEqualTo("["
        + "{\"Type\":\"volume\",\"Source\":\"data\",\"Target\":\"/data\",\"VolumeOptions\":{\"NoCopy\":true,"
        + "\"Labels\":{\"team\":\"a\"},\"DriverConfig\":{\"Options\":{\"o\":\"addr=10.0.0.1\",\"type\":\"nfs\"}}}},"
        + "{\"Type\":\"bind\",\"Source\":\"/srv\",\"Target\":\"/srv\",\"ReadOnly\":true,\"BindOptions\":{\"Propagation\":\"rshared\"}},"
        + "{\"Type\":\"tmpfs\",\"Target\":\"/scratch\",\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":1016}},"
        + "{\"Type\":\"volume\",\"Target\":\"/anon\"}]");
  }

  @Test
  void aBadVolumeSpecIsRefusedAsDockerRefusesIt() {
    FakeDaemon.Result result = daemon.wharf("", "run", "-v", "data::/x", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo("wharf: invalid spec: data::/x: empty section between colons.\nSee 'wharf run --help'.\n");
    assertThat(daemon.requests()).isEmpty();
    assertThat(daemon.wharf("", "create", "-v", "data:/b:ro:x", "busybox").err())
        .startsWith("wharf: invalid spec: data:/b:ro:x: too many colons.");
    assertThat(daemon.wharf("", "create", "-v", "", "busybox").err()).startsWith("wharf: invalid empty volume spec.");
  }

  @Test
  void aBadMountIsAFlagError() {
    FakeDaemon.Result result = daemon.wharf("", "run", "--mount", "type=bind,src=/x,dst=/y,foo=bar", "busybox");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo("invalid argument \"type=bind,src=/x,dst=/y,foo=bar\" for \"--mount\" flag: "
        + "unexpected key 'foo' in 'foo=bar'\nSee 'wharf run --help'.\n");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void mountErrorsAreDockers() {
    assertThat(mountError("type=bind,src=/x")).isEqualTo("target is required");
    assertThat(mountError("type=,dst=/x")).isEqualTo("type is required");
    assertThat(mountError("src")).isEqualTo("invalid field 'src' must be a key=value pair");
    assertThat(mountError("dst=/x,ro=maybe")).isEqualTo("invalid value for ro: maybe");
    assertThat(mountError("type=tmpfs,dst=/x,volume-nocopy")).isEqualTo("cannot mix 'volume-*' options with mount type 'tmpfs'");
    assertThat(mountError("type=volume,dst=/x,bind-propagation=shared"))
        .isEqualTo("cannot mix 'bind-*' options with mount type 'volume'");
    assertThat(mountError("type=tmpfs,dst=/x,tmpfs-size=big")).isEqualTo("invalid value for tmpfs-size: big");
    assertThat(mountError("type=tmpfs,dst=/x,tmpfs-mode=999")).isEqualTo("invalid value for tmpfs-mode: 999");
    assertThat(mountError("type=bind,src=/x,dst=/y,bind-recursive=readonly"))
        .isEqualTo("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
  }

  @Test
  void mountFieldsAreCsv() {
    Map<String, Object> mount = MountSpec.parse("type=bind,\"src=/a,b\",DST=/c", "/cwd").toJson();

    assertThat(mount).containsEntry("Source", "/a,b").containsEntry("Target", "/c");
    assertThat(MountSpec.parse("src=./x,dst=/y", "/cwd").toJson()).containsEntry("Source", "/cwd/x");
  }

  @Test
  void volumeSpecsSplitAsDockersParser() {
    assertThat(VolumeSpec.parse("/data")).isEqualTo(new VolumeSpec("", "/data", ""));
    assertThat(VolumeSpec.parse("/a")).isEqualTo(new VolumeSpec("", "/a", ""));
    assertThat(VolumeSpec.parse("name:/data:ro,nocopy")).isEqualTo(new VolumeSpec("name", "/data", "ro,nocopy"));
    assertThat(VolumeSpec.parse("c:/host:/data")).isEqualTo(new VolumeSpec("c:/host", "/data", ""));
    assertThat(VolumeSpec.parse("~/x:/y").isBind()).isTrue();
    assertThat(VolumeSpec.parse("name:/y").isBind()).isFalse();
    assertThatThrownBy(() -> VolumeSpec.parse("ab:/b:ro:x")).hasMessage("invalid spec: ab:/b:ro:x: too many colons");
    // as docker's parser, a one-letter part before a colon is a drive letter, even on Linux
    assertThat(VolumeSpec.parse("a:b:c:d")).isEqualTo(new VolumeSpec("a:b", "c:d", ""));
  }

  private static String mountError(String value) {
    try {
      MountSpec.parse(value, "/cwd");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error for " + value);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> body() {
    FakeDaemon.Request create = daemon.requests().stream().filter(r -> r.uri().contains("/containers/create"))
        .findFirst().orElseThrow();
    return (Map<String, Object>) JsonValues.read(create.text());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hostConfig(Map<String, Object> body) {
    return (Map<String, Object>) body.get("HostConfig");
  }
}
