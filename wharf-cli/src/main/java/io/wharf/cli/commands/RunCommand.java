package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.Map;

/**
 * {@code wharf run}: create, then start, then the output until the container stops and its
 * exit code as ours (125 when the daemon cannot create or start it, 126/127 when the command
 * cannot be run, as docker). Without {@code -d} the output is followed from the container's
 * log, which holds everything from its first byte, so nothing of a short-lived container is
 * lost.
 */
public final class RunCommand extends ContainerFlags {
  @Flag(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
  boolean detach;

  @Flag(names = "--sig-proxy", description = "Proxy received signals to the process (default true)")
  boolean sigProxy = true;

  @Override
  public String description() {
    return "Create and run a new container from an image";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, -1);
    String id;
    try (Response created = ctx.client().post(EngineClient.path("/containers/create", Map.of("name", name == null ? "" : name)),
        detach ? detachedBody() : createBody())) {
      id = String.valueOf(created.object().get("Id"));
    } catch (ApiException e) {
      ctx.err().println("wharf: Error response from daemon: " + e.getMessage());
      return 125;
    }
    if (detach) {
      return start(id) ? print(id) : startFailure;
    }
    // the exit code comes on a second connection, asked for before start so no exit is missed
    try (EngineClient waiter = new EngineClient(ctx.host());
        Response exit = waiter.post("/containers/" + id + "/wait?condition=" + (autoRemove ? "removed" : "next-exit"), null)) {
      if (sigProxy && !tty) {
        SignalProxy.forward(ctx.client().host(), id);
      }
      // attached before start, as docker run: the stream carries stdin and every byte of output
      // (a log read after start could find a --rm container removed already)
      try (EngineClient.Hijacked stream = ctx.client().hijack("/containers/" + id
          + "/attach?stream=1&stdout=1&stderr=1&stdin=" + (interactive ? 1 : 0), null);
          TerminalMode terminal = tty && interactive ? TerminalMode.raw() : null) {
        if (!start(id)) {
          return startFailure;
        }
        int[] size = tty ? TerminalMode.size() : null;
        if (size != null) {
          try (Response ignored = ctx.client().post("/containers/" + id + "/resize?h=" + size[0] + "&w=" + size[1],
              null)) {
            // sized
          } catch (ApiException e) {
            // it has exited already
          }
        }
        StreamPump.run(stream, interactive ? ctx.in() : null, tty, ctx.out(), ctx.err());
      }
      Object code = exit.object().get("StatusCode");
      return code instanceof Number n ? n.intValue() : 125;
    }
  }

  /** As docker: a detached container has nothing attached, so stdin is not closed after a first client. */
  private Map<String, Object> detachedBody() {
    Map<String, Object> body = createBody();
    body.put("StdinOnce", false);
    body.put("AttachStdin", false);
    body.put("AttachStdout", false);
    body.put("AttachStderr", false);
    return body;
  }

  private int startFailure = 125;

  private boolean start(String id) {
    try (Response started = ctx.client().post("/containers/" + id + "/start", null)) {
      return true;
    } catch (ApiException e) {
      String message = e.getMessage();
      ctx.err().println("wharf: Error response from daemon: " + message);
      startFailure = message.contains("executable file not found") || message.contains("no such file or directory") ? 127
          : message.contains("permission denied") ? 126 : 125;
      return false;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int print(String id) {
    ctx.out().println(id);
    return 0;
  }
}
