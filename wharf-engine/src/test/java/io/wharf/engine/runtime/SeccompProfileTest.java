package io.wharf.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.oci.Json;
import io.wharf.oci.runtime.Seccomp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Docker's default seccomp profile, checked rule by rule and as the JSON runc reads. */
class SeccompProfileTest {
  private static final Seccomp DEFAULT = SeccompProfile.defaultProfile(DefaultSpec.CAPABILITIES);

  @Test
  void unlistedCallsFailWithEpermOnAllX86Architectures() {
    assertThat(DEFAULT.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(DEFAULT.defaultErrnoRet()).isEqualTo(1);
    assertThat(DEFAULT.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
  }

  @Test
  void defaultCapabilitiesAllowOrdinaryCallsAndDenyKernelWideOnes() {
    assertThat(unconditional(DEFAULT)).contains("read", "write", "execve", "openat", "chroot", "arch_prctl")
        .doesNotContain("clone", "clone3", "mount", "umount2", "unshare", "setns", "keyctl", "add_key", "kcmp",
            "kexec_load", "bpf", "init_module", "reboot", "settimeofday", "acct", "iopl", "syslog",
            "open_by_handle_at", "personality", "socket");
  }

  @Test
  void ptraceIsAllowedAsDockerDoesOnKernelsFrom48() {
    assertThat(unconditional(DEFAULT)).contains("ptrace", "process_vm_readv", "process_vm_writev");
  }

  @Test
  void cloneWithoutSysAdminMayNotCreateNamespaces() {
    Seccomp.Syscall clone = only(DEFAULT, "clone");
    assertThat(clone.action()).isEqualTo("SCMP_ACT_ALLOW");
    assertThat(clone.args()).containsExactly(new Seccomp.Arg(0, 2114060288L, 0, "SCMP_CMP_MASKED_EQ"));
  }

  @Test
  void clone3WithoutSysAdminFailsWithEnosysSoGlibcFallsBackToClone() {
    Seccomp.Syscall clone3 = only(DEFAULT, "clone3");
    assertThat(clone3.action()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(clone3.errnoRet()).isEqualTo(38);
    assertThat(clone3.args()).isNull();
  }

  @Test
  void personalityIsLimitedToDockersValues() {
    assertThat(rulesFor(DEFAULT, "personality")).allSatisfy(rule -> assertThat(rule.args()).hasSize(1))
        .extracting(rule -> rule.args().getFirst().value())
        .containsExactly(0x0L, 0x8L, 0x20000L, 0x20008L, 0xFFFFFFFFL);
  }

  @Test
  void vsockSocketsAreRefused() {
    assertThat(only(DEFAULT, "socket").args()).containsExactly(new Seccomp.Arg(0, 40, 0, "SCMP_CMP_NE"));
  }

  @Test
  void sysAdminAllowsMountUnshareAndUnrestrictedClone() {
    Seccomp admin = SeccompProfile.defaultProfile(with("CAP_SYS_ADMIN"));
    assertThat(unconditional(admin)).contains("mount", "umount2", "unshare", "setns", "clone", "clone3", "bpf");
    assertThat(rulesFor(admin, "clone")).hasSize(1);
    assertThat(rulesFor(admin, "clone3")).hasSize(1);
  }

  @Test
  void eachCapabilityAddsItsOwnCalls() {
    assertThat(unconditional(SeccompProfile.defaultProfile(with("SYS_PTRACE")))).contains("kcmp", "pidfd_getfd");
    assertThat(unconditional(SeccompProfile.defaultProfile(with("CAP_SYS_MODULE"))))
        .contains("init_module", "finit_module", "delete_module");
    assertThat(unconditional(SeccompProfile.defaultProfile(with("cap_sys_time")))).contains("settimeofday");
    assertThat(unconditional(SeccompProfile.defaultProfile(with("CAP_DAC_READ_SEARCH"))))
        .contains("open_by_handle_at");
    assertThat(unconditional(SeccompProfile.defaultProfile(List.of()))).doesNotContain("chroot");
  }

  @Test
  void noCallIsNamedInTwoUnconditionalRules() {
    List<String> everyCapability = SeccompProfile.BY_CAPABILITY.stream()
        .map(SeccompProfile.CapabilityCalls::capability).toList();
    for (Seccomp profile : List.of(DEFAULT, SeccompProfile.defaultProfile(everyCapability))) {
      List<String> names = unconditional(profile);
      assertThat(names).doesNotHaveDuplicates();
      List<String> conditional = profile.syscalls().stream().filter(rule -> rule.args() != null)
          .flatMap(rule -> rule.names().stream()).toList();
      assertThat(names).doesNotContainAnyElementsOf(conditional);
    }
  }

  @Test
  void serialisesWithTheSpecsPropertyNamesAndNoNulls() throws Exception {
    JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(DEFAULT));
    assertThat(keys(json)).containsExactly("defaultAction", "defaultErrnoRet", "architectures",
        "syscalls");
    List<String> ruleKeys = new ArrayList<>();
    json.get("syscalls").forEach(rule -> ruleKeys.addAll(keys(rule)));
    assertThat(ruleKeys).containsOnly("names", "action", "errnoRet", "args");
    JsonNode cloneArg = json.get("syscalls").valueStream()
        .filter(rule -> rule.get("names").get(0).asText().equals("clone")).findFirst().orElseThrow()
        .get("args").get(0);
    assertThat(keys(cloneArg)).containsExactlyInAnyOrder("index", "value", "valueTwo", "op");
    assertThat(cloneArg.get("value").asLong()).isEqualTo(2114060288L);
    assertThat(Json.MAPPER.writeValueAsString(DEFAULT)).doesNotContain("null");
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<String> with(String capability) {
    return Stream.concat(DefaultSpec.CAPABILITIES.stream(), Stream.of(capability)).toList();
  }

  private static List<String> unconditional(Seccomp profile) {
    return profile.syscalls().stream().filter(rule -> rule.action().equals("SCMP_ACT_ALLOW") && rule.args() == null)
        .flatMap(rule -> rule.names().stream()).toList();
  }

  private static List<Seccomp.Syscall> rulesFor(Seccomp profile, String name) {
    return profile.syscalls().stream().filter(rule -> rule.names().contains(name)).toList();
  }

  private static Seccomp.Syscall only(Seccomp profile, String name) {
    List<Seccomp.Syscall> rules = rulesFor(profile, name);
    assertThat(rules).hasSize(1);
    return rules.getFirst();
  }
}
