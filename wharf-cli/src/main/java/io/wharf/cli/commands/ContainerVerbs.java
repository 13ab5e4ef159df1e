package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.Map;

/**
 * {@code start}, {@code stop}, {@code kill}, {@code rm}, {@code wait}, {@code pause} and
 * {@code unpause}, each a small {@link ContainerVerbCommand}.
 */
public final class ContainerVerbs {
  private ContainerVerbs() {}

  /** {@code wharf start}. */
  public static final class Start extends ContainerVerbCommand {
    @Override
    public String description() {
      return "Start one or more stopped containers";
    }

    @Override
    String apply(String container) throws Exception {
      post("/containers/" + container + "/start");
      return container;
    }
  }

  /** {@code wharf stop}. */
  public static final class Stop extends ContainerVerbCommand {
    @Flag(names = {"-t", "--timeout"}, label = "int", description = "Seconds to wait before killing the container")
    int timeout = -1;

    @Override
    public String description() {
      return "Stop one or more running containers";
    }

    @Override
    String apply(String container) throws Exception {
      post(EngineClient.path("/containers/" + container + "/stop", timeout < 0 ? Map.of() : Map.of("t", timeout)));
      return container;
    }
  }

  /** {@code wharf kill}. */
  public static final class Kill extends ContainerVerbCommand {
    @Flag(names = {"-s", "--signal"}, label = "string", description = "Signal to send to the container")
    String signal = "";

    @Override
    public String description() {
      return "Kill one or more running containers";
    }

    @Override
    String apply(String container) throws Exception {
      post(EngineClient.path("/containers/" + container + "/kill", signal.isEmpty() ? Map.of() : Map.of("signal", signal)));
      return container;
    }
  }

  /** {@code wharf rm}. */
  public static final class Rm extends ContainerVerbCommand {
    @Flag(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL)")
    boolean force;

    @Flag(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container")
    boolean volumes;

    @Override
    public String description() {
      return "Remove one or more containers";
    }

    @Override
    String apply(String container) throws Exception {
      try (Response ignored = ctx.client().delete(EngineClient.path("/containers/" + container,
          force ? Map.of("force", 1) : Map.of()))) {
        return container;
      }
    }
  }

  /** {@code wharf wait}: prints each container's exit code. */
  public static final class Wait extends ContainerVerbCommand {
    @Override
    public String description() {
      return "Block until one or more containers stop, then print their exit codes";
    }

    @Override
    String apply(String container) throws Exception {
      try (Response exit = ctx.client().post("/containers/" + container + "/wait", null)) {
        return String.valueOf(exit.object().get("StatusCode"));
      }
    }
  }

  /** {@code wharf pause}: freezes every process of each container (the cgroup freezer). */
  public static final class Pause extends ContainerVerbCommand {
    @Override
    public String usageArgs() {
      return "CONTAINER [CONTAINER...]";
    }

    @Override
    public String description() {
      return "Pause all processes within one or more containers";
    }

    @Override
    String apply(String container) throws Exception {
      post("/containers/" + container + "/pause");
      return container;
    }
  }

  /** {@code wharf unpause}: thaws what {@code pause} froze. */
  public static final class Unpause extends ContainerVerbCommand {
    @Override
    public String usageArgs() {
      return "CONTAINER [CONTAINER...]";
    }

    @Override
    public String description() {
      return "Unpause all processes within one or more containers";
    }

    @Override
    String apply(String container) throws Exception {
      post("/containers/" + container + "/unpause");
      return container;
    }
  }
}
