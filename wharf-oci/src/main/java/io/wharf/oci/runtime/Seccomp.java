package io.wharf.oci.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A runtime spec's {@code linux.seccomp} object (runtime-spec config-linux.md, "Seccomp"): the
 * action for system calls no rule matches, the architectures the filter covers, and the rules.
 * Actions, architectures and operators are libseccomp's names ({@code SCMP_ACT_ALLOW},
 * {@code SCMP_ARCH_X86_64}, {@code SCMP_CMP_MASKED_EQ}). Immutable if its lists are.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Seccomp(
    @JsonProperty("defaultAction") String defaultAction,
    @JsonProperty("defaultErrnoRet") Integer defaultErrnoRet,
    @JsonProperty("architectures") List<String> architectures,
    @JsonProperty("syscalls") List<Syscall> syscalls) {

  /**
   * One rule: {@code action} for the calls in {@code names} when every condition in {@code args}
   * holds (no conditions: always). {@code errnoRet} is the error an {@code SCMP_ACT_ERRNO} rule
   * returns, null for the runtime's default (EPERM).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Syscall(
      @JsonProperty("names") List<String> names,
      @JsonProperty("action") String action,
      @JsonProperty("errnoRet") Integer errnoRet,
      @JsonProperty("args") List<Arg> args) {}

  /**
   * A condition on the system call's argument number {@code index}: {@code op} compares it with
   * {@code value}; for {@code SCMP_CMP_MASKED_EQ}, {@code value} is the mask and {@code valueTwo}
   * the value the masked argument must equal.
   */
  public record Arg(
      @JsonProperty("index") int index,
      @JsonProperty("value") long value,
      @JsonProperty("valueTwo") long valueTwo,
      @JsonProperty("op") String op) {}
}
