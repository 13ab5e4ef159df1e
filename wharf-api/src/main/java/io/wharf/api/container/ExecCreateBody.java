package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /containers/{id}/exec}; every field may be null. */
public record ExecCreateBody(
    @JsonProperty("AttachStdin") Boolean attachStdin,
    @JsonProperty("AttachStdout") Boolean attachStdout,
    @JsonProperty("AttachStderr") Boolean attachStderr,
    @JsonProperty("Tty") Boolean tty,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("User") String user,
    @JsonProperty("Privileged") Boolean privileged,
    @JsonProperty("DetachKeys") String detachKeys) {}
