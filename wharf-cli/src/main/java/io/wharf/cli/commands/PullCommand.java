package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import io.wharf.oci.ImageReference;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code wharf pull}, {@code wharf image pull}: {@code POST /images/create?fromImage=&tag=}
 * with the registry's stored credentials, the progress as docker prints it, and the full
 * reference last ({@code docker.io/library/busybox:latest}). With {@code -a} no tag is sent and
 * the daemon pulls every tag.
 */
public final class PullCommand extends WharfCommand {
  @Flag(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository")
  boolean allTags;

  @Flag(names = "--disable-content-trust", description = "Skip image verification (default true)")
  boolean disableContentTrust = true;

  @Flag(names = "--platform", label = "string", description = "Set platform if server is multi-platform capable")
  String platform;

  @Flag(names = {"-q", "--quiet"}, description = "Suppress verbose output")
  boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS] NAME[:TAG|@DIGEST]";
  }

  @Override
  public String description() {
    return "Download an image from a registry";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    ImageReference reference = Distribution.reference(ctx, args.get(0), allTags, quiet);
    if (reference == null) {
      return 1;
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("fromImage", reference.name());
    if (!allTags) {
      query.put("tag", reference.digest() != null ? reference.digest().toString() : reference.tag());
    }
    String chosen = platform != null ? platform : ctx.env().getOrDefault("DOCKER_DEFAULT_PLATFORM", "");
    if (!chosen.isEmpty()) {
      query.put("platform", chosen.toLowerCase(Locale.ROOT));
    }
    try (Response response = ctx.client().post(EngineClient.path("/images/create", query), null,
        Distribution.authHeader(ctx, reference))) {
      int code = Distribution.show(ctx, response, quiet);
      if (code != 0) {
        return code;
      }
    }
    ctx.out().println(reference);
    return 0;
  }
}
