package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;
import io.wharf.oci.ImageReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code wharf push}, {@code wharf image push}: {@code POST /images/{name}/push?tag=} with the
 * registry's stored credentials and the progress as docker prints it; under {@code -q} only
 * the full reference. With {@code -a} no tag is sent and the daemon pushes every tag.
 */
public final class PushCommand extends WharfCommand {
  @Flag(names = {"-a", "--all-tags"}, description = "Push all tags of an image to the repository")
  boolean allTags;

  @Flag(names = "--disable-content-trust", description = "Skip image signing (default true)")
  boolean disableContentTrust = true;

  @Flag(names = {"-q", "--quiet"}, description = "Suppress verbose output")
  boolean quiet;

  @Override
  public String usageArgs() {
    return "[OPTIONS] NAME[:TAG]";
  }

  @Override
  public String description() {
    return "Upload an image to a registry";
  }

  @Override
  protected int run() throws Exception {
    requireArgs(args, 1, 1);
    ImageReference reference = Distribution.reference(ctx, args.get(0), allTags, quiet);
    if (reference == null) {
      return 1;
    }
    if (reference.digest() != null) {
      ctx.err().println("cannot push a digest reference");
      return 1;
    }
    Map<String, Object> query = new LinkedHashMap<>();
    if (!allTags) {
      query.put("tag", reference.tag());
    }
    // docker 28 puts the full name in the path as it is: /images/docker.io/library/busybox/push
    String path = EngineClient.path("/images/" + reference.name() + "/push", query);
    try (Response response = ctx.client().post(path, null, Distribution.authHeader(ctx, reference))) {
      int code = Distribution.show(ctx, response, quiet);
      if (code != 0) {
        return code;
      }
    }
    if (quiet) {
      ctx.out().println(reference);
    }
    return 0;
  }
}
