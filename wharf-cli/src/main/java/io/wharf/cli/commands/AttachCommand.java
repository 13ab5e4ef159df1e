package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.Map;

/**
 * {@code wharf attach}: the running container's output, and our stdin to it when it keeps
 * stdin open; the detach keys end the attachment and leave it running. Exits with the
 * container's exit code once it stops, as docker does.
 */
public final class AttachCommand extends WharfCommand {
  @Flag(names = "--no-stdin", description = "Do not attach STDIN")
  boolean noStdin;

  @Flag(names = "--detach-keys", label = "string", description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Override
  public String description() {
    return "Attach local standard input, output, and error streams to a running container";
  }

  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    String name = args.getFirst();
    Map<String, Object> container;
    try (Response inspected = ctx.client().get("/containers/" + name + "/json")) {
      container = inspected.object();
    } catch (ApiException e) {
      ctx.err().println("Error response from daemon: " + e.getMessage());
      return 1;
    }
    Map<?, ?> state = (Map<?, ?>) container.get("State");
    Map<?, ?> config = (Map<?, ?>) container.get("Config");
    if (!Boolean.TRUE.equals(state.get("Running"))) {
      ctx.err().println("You cannot attach to a stopped container, start it first");
      return 1;
    }
    boolean tty = Boolean.TRUE.equals(config.get("Tty"));
    boolean stdin = !noStdin && Boolean.TRUE.equals(config.get("OpenStdin"));
    Map<String, Object> query = new java.util.LinkedHashMap<>();
    query.put("stream", 1);
    query.put("stdin", stdin ? 1 : 0);
    query.put("stdout", 1);
    query.put("stderr", 1);
    if (detachKeys != null) {
      query.put("detachKeys", detachKeys);
    }
    String id = String.valueOf(container.get("Id"));
    try (EngineClient.Hijacked stream = ctx.client().hijack(EngineClient.path("/containers/" + id + "/attach", query),
        null); TerminalMode terminal = tty && stdin ? TerminalMode.raw() : null) {
      StreamPump.run(stream, stdin ? ctx.in() : null, tty, ctx.out(), ctx.err());
    }
    try (Response after = ctx.client().get("/containers/" + id + "/json")) {
      Map<?, ?> now = (Map<?, ?>) after.object().get("State");
      if (Boolean.TRUE.equals(now.get("Running"))) {
        return 0; // detached
      }
      Object code = now.get("ExitCode");
      return code instanceof Number n ? n.intValue() : 0;
    }
  }
}
