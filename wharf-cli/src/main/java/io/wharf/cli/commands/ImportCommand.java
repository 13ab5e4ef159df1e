package io.wharf.cli.commands;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code wharf import}: a root file system tarball (file or {@code -}) becomes an image. */
public final class ImportCommand extends WharfCommand {
  @Flag(names = {"-c", "--change"}, label = "list", description = "Apply Dockerfile instruction to the created image")
  List<String> changes = new ArrayList<>();

  @Flag(names = {"-m", "--message"}, label = "string", description = "Set commit message for imported image")
  String message;

  @Flag(names = "--platform", label = "string", description = "Set platform if server is multi-platform capable")
  String platform;

  @Override
  public String usageArgs() {
    return "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]";
  }

  @Override
  public String description() {
    return "Import the contents from a tarball to create a filesystem image";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 2);
    String source = args.get(0);
    if (source.startsWith("http://") || source.startsWith("https://")) {
      throw new UsageError("importing from a URL is not supported by wharf: download the tarball and import the file", 1);
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("fromSrc", "-");
    if (args.size() == 2) {
      query.put("repo", args.get(1));
    }
    query.put("message", message);
    query.put("platform", platform);
    query.put("changes", changes);
    InputStream body;
    if (source.equals("-")) {
      body = ctx.in();
    } else {
      try {
        body = Files.newInputStream(Path.of(source));
      } catch (NoSuchFileException e) {
        throw new UsageError("open " + source + ": no such file or directory", 1);
      }
    }
    try (body; Response response = ctx.client().request(HttpMethod.POST,
        EngineClient.path("/images/create", query), "application/x-tar", body)) {
      response.messages(m -> {
        if (m.get("status") != null) {
          ctx.out().println(m.get("status"));
        }
      });
    }
    return 0;
  }
}
