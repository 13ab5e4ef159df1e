package io.wharf.daemon.routes;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.JsonMessage;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.Router;
import io.wharf.engine.build.BuildOutput;
import io.wharf.engine.build.BuildRequest;
import io.wharf.engine.build.Builder;
import io.wharf.engine.build.StepFailedException;
import io.wharf.oci.Json;
import io.wharf.oci.errors.InvalidArgument;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build} as the docker CLI's classic builder sends it (the context as the body,
 * the options as query parameters) answering with a JSON message stream, and
 * {@code POST /build/prune}. Thread-safe.
 */
public final class BuildRoutes {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final Builder builder;

  public BuildRoutes(Builder builder) {
    this.builder = builder;
  }

  public void register(Router router) {
    router.add(HttpMethod.POST, "/build", this::build)
        .add(HttpMethod.POST, "/build/prune", this::prune);
  }

  private void build(ApiRequest request, ApiResponse response) throws IOException {
    String remote = request.query("remote");
    if (remote != null && !remote.isEmpty()) {
      throw new InvalidArgument("remote build contexts (" + remote + ") are not supported: send the context as a tar");
    }
    String platform = request.query("platform");
    if (platform != null && !platform.isEmpty() && !platform.equals("linux") && !platform.startsWith("linux/amd64")) {
      throw new InvalidArgument("\"" + platform + "\": this daemon builds for linux/amd64 only");
    }
    BuildRequest build = new BuildRequest(request.query("dockerfile"), request.queryAll("t"),
        jsonMap(request, "buildargs"), request.query("target"), request.bool("nocache"), jsonMap(request, "labels"),
        request.bool("q"), request.query("networkmode"), request.bool("forcerm"), request.bool("pull"),
        RegistryAuth.buildCredentials(request));
    Messages messages = new Messages(response);
    try {
      builder.build(request.body(), build, messages);
    } catch (StepFailedException e) {
      // the failed command's exit code becomes the docker CLI's
      messages.send(new JsonMessage(null, null, null, null, null, null,
          new JsonMessage.ErrorDetail(e.exitCode(), e.getMessage()), e.getMessage()));
    }
    // any other failure propagates with the stream open: the router ends it with an errorDetail line
    messages.close();
  }

  private static Map<String, String> jsonMap(ApiRequest request, String name) {
    String text = request.query(name);
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, String> map = Json.MAPPER.readValue(text, STRING_MAP);
      return map == null ? Map.of() : new LinkedHashMap<>(map);
    } catch (IOException e) {
      throw new InvalidArgument("invalid " + name + " JSON: " + e.getMessage());
    }
  }

  private void prune(ApiRequest request, ApiResponse response) {
    Builder.PruneResult result = builder.prune(request.bool("all"), request.filters());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("CachesDeleted", result.deleted().isEmpty() ? null : result.deleted());
    body.put("SpaceReclaimed", result.spaceReclaimed());
    response.json(200, body);
  }

  /** The build's output: Docker's {@code stream} lines and the {@code aux} image ID. */
  private static final class Messages extends LazyMessages implements BuildOutput {
    Messages(ApiResponse response) {
      super(response);
    }

    @Override
    public void stream(String text) {
      send(JsonMessage.stream(text));
    }

    @Override
    public void imageId(String id) {
      send(JsonMessage.aux(Map.of("ID", id)));
    }
  }
}
