package io.wharf.cli.commands;

import io.wharf.client.ApiException;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code wharf exec}: runs a command in a running container; its exit code is ours (126 when it cannot run). */
public final class ExecCommand extends WharfCommand {
  @Flag(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
  boolean detach;

  @Flag(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
  boolean interactive;

  @Flag(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
  boolean tty;

  @Flag(names = {"-e", "--env"}, label = "list", description = "Set environment variables")
  List<String> env = new ArrayList<>();

  @Flag(names = {"-u", "--user"}, label = "string", description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
  String user;

  @Flag(names = {"-w", "--workdir"}, label = "string", description = "Working directory inside the container")
  String workdir;

  @Flag(names = "--privileged", description = "Give extended privileges to the command")
  boolean privileged;

  @Override
  public String description() {
    return "Execute a command in a running container";
  }

  @Override
  public String usageArgs() {
    return "[OPTIONS] CONTAINER COMMAND [ARG...]";
  }

  @Override
  protected boolean interspersed() {
    return false;
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 2, -1);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("AttachStdin", interactive && !detach);
    body.put("AttachStdout", !detach);
    body.put("AttachStderr", !detach);
    body.put("Tty", tty);
    body.put("Cmd", new ArrayList<>(args.subList(1, args.size())));
    body.put("Env", env);
    body.put("Privileged", privileged);
    if (user != null) {
      body.put("User", user);
    }
    if (workdir != null) {
      body.put("WorkingDir", workdir);
    }
    String execId;
    try (Response created = ctx.client().post("/containers/" + args.getFirst() + "/exec", body)) {
      execId = String.valueOf(created.object().get("Id"));
    } catch (ApiException e) {
      ctx.err().println("Error response from daemon: " + e.getMessage());
      return 1;
    }
    if (detach) {
      try (Response ignored = ctx.client().post("/exec/" + execId + "/start", Map.of("Detach", true, "Tty", tty))) {
        return 0;
      }
    }
    try (EngineClient.Hijacked stream = ctx.client().hijack("/exec/" + execId + "/start",
        Map.of("Detach", false, "Tty", tty));
        TerminalMode terminal = tty && interactive ? TerminalMode.raw() : null) {
      StreamPump.run(stream, interactive ? ctx.in() : null, tty, ctx.out(), ctx.err());
    }
    try (Response inspected = ctx.client().get("/exec/" + execId + "/json")) {
      Object code = inspected.object().get("ExitCode");
      return code instanceof Number n ? n.intValue() : 126;
    }
  }
}
