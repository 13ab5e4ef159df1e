package io.wharf.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopyPathRulesTest {
  @Test
  void anArgumentIsAContainerPathOnlyWithAColonAndNoLeadingDotOrSlash() {
    assertThat(CopyArgument.parse("web:/etc/hosts")).isEqualTo(new CopyArgument("web", "/etc/hosts"));
    assertThat(CopyArgument.parse("web:")).isEqualTo(new CopyArgument("web", ""));
    assertThat(CopyArgument.parse("/abs/file:name")).isEqualTo(new CopyArgument(null, "/abs/file:name"));
    assertThat(CopyArgument.parse("./file:name")).isEqualTo(new CopyArgument(null, "./file:name"));
    assertThat(CopyArgument.parse("-")).isEqualTo(new CopyArgument(null, "-"));
  }

  @Test
  void pathsCleanAsGosDo() {
    assertThat(UnixPaths.clean("/a//b/./c/..")).isEqualTo("/a/b");
    assertThat(UnixPaths.clean("../x/../../y")).isEqualTo("../../y");
    assertThat(UnixPaths.clean("/..")).isEqualTo("/");
    assertThat(UnixPaths.clean("")).isEqualTo(".");
    assertThat(UnixPaths.base("/a/b/")).isEqualTo("b");
    assertThat(UnixPaths.base("/")).isEqualTo("/");
    assertThat(UnixPaths.dir("/a/b")).isEqualTo("/a");
    assertThat(UnixPaths.dir("b")).isEqualTo(".");
  }

  @Test
  void aTrailingSlashOrDotSurvivesCleaning() {
    assertThat(UnixPaths.preserveTrailingDotOrSeparator("/a/dir", "/a/./dir/.")).isEqualTo("/a/dir/.");
    assertThat(UnixPaths.preserveTrailingDotOrSeparator("/a/dir", "/a/dir/")).isEqualTo("/a/dir/");
    assertThat(UnixPaths.preserveTrailingDotOrSeparator("/", "/")).isEqualTo("/");
    assertThat(UnixPaths.splitPathDirEntry("/a/dir/.")).containsExactly("/a/dir", ".");
    assertThat(UnixPaths.splitPathDirEntry("/a/dir/")).containsExactly("/a", "dir");
    assertThat(UnixPaths.assertsDirectory("/x/")).isTrue();
    assertThat(UnixPaths.assertsDirectory("/x/.")).isTrue();
    assertThat(UnixPaths.assertsDirectory("/x")).isFalse();
  }

  @Test
  void aFollowedLinkKeepsTheNameAskedFor() {
    assertThat(UnixPaths.rebaseName("/etc/alias", "/etc/real")).containsExactly("/etc/real", "alias");
    assertThat(UnixPaths.rebaseName("/data/link/", "/srv/data")).containsExactly("/srv/data/", "link");
    assertThat(UnixPaths.rebaseName("/x/same", "/y/same")).containsExactly("/y/same", "");
  }

  @Test
  void thePlanFollowsDockersRules() {
    CopyInfo file = new CopyInfo("/src/f", true, false, "");
    CopyInfo dir = new CopyInfo("/src/d", true, true, "");

    assertThat(CopyPlan.prepare(file, new CopyInfo("/dst/", true, true, ""))).isEqualTo(new CopyPlan("/dst/", null));
    assertThat(CopyPlan.prepare(file, new CopyInfo("/dst/g", true, false, ""))).isEqualTo(new CopyPlan("/dst", "g"));
    assertThat(CopyPlan.prepare(dir, new CopyInfo("/dst/new", false, false, ""))).isEqualTo(new CopyPlan("/dst", "new"));
    assertThat(CopyPlan.prepare(file, new CopyInfo("/dst/new", false, false, ""))).isEqualTo(new CopyPlan("/dst", "new"));
    assertThatThrownBy(() -> CopyPlan.prepare(dir, new CopyInfo("/dst/g", true, false, "")))
        .hasMessage("cannot copy directory");
    assertThatThrownBy(() -> CopyPlan.prepare(file, new CopyInfo("/dst/new/", false, false, "")))
        .hasMessage("no such directory");
  }
}
