package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /exec/{id}/start}; every field may be null. */
public record ExecStartBody(
    @JsonProperty("Detach") Boolean detach,
    @JsonProperty("Tty") Boolean tty,
    @JsonProperty("ConsoleSize") List<Integer> consoleSize) {}
