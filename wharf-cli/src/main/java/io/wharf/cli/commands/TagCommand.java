package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code wharf tag}, {@code wharf image tag}. */
public final class TagCommand extends WharfCommand {
  @Override
  public String usageArgs() {
    return "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]";
  }

  @Override
  public String description() {
    return "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 2, 2);
    String target = args.get(1);
    int slash = target.lastIndexOf('/');
    int colon = target.lastIndexOf(':');
    Map<String, Object> query = new LinkedHashMap<>();
    if (colon > slash) {
      query.put("repo", target.substring(0, colon));
      query.put("tag", target.substring(colon + 1));
    } else {
      query.put("repo", target);
      query.put("tag", "latest");
    }
    String path = EngineClient.path("/images/" + URLEncoder.encode(args.get(0), StandardCharsets.UTF_8) + "/tag", query);
    try (Response response = ctx.client().post(path, null)) {
      return 0;
    }
  }
}
