package io.wharf.daemon.routes;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.JsonMessage;
import io.wharf.api.image.DeleteItem;
import io.wharf.api.image.HistoryItem;
import io.wharf.api.image.ImageSummary;
import io.wharf.api.image.PruneResponse;
import io.wharf.daemon.http.ApiRequest;
import io.wharf.daemon.http.ApiResponse;
import io.wharf.daemon.http.JsonMessageWriter;
import io.wharf.daemon.http.Router;
import io.wharf.engine.image.Image;
import io.wharf.engine.image.ImageDeletion;
import io.wharf.engine.image.ImageService;
import io.wharf.engine.image.ImportRequest;
import io.wharf.oci.ImageReference;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code /images/…} routes. Thread-safe. */
public final class ImageRoutes {
  private final ImageService images;

  public ImageRoutes(ImageService images) {
    this.images = images;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/images/json", this::list)
        .add(HttpMethod.POST, "/images/create", this::create)
        .add(HttpMethod.POST, "/images/load", this::load)
        .add(HttpMethod.GET, "/images/get", this::saveMany)
        .add(HttpMethod.POST, "/images/prune", this::prune)
        .add(HttpMethod.GET, "/images/{name:.*}/json", this::inspect)
        .add(HttpMethod.GET, "/images/{name:.*}/history", this::history)
        .add(HttpMethod.GET, "/images/{name:.*}/get", this::saveOne)
        .add(HttpMethod.POST, "/images/{name:.*}/tag", this::tag)
        .add(HttpMethod.POST, "/images/{name:.*}/push", this::push)
        .add(HttpMethod.POST, "/auth", this::login)
        .add(HttpMethod.DELETE, "/images/{name:.*}", this::remove);
  }

  private void list(ApiRequest request, ApiResponse response) {
    List<ImageSummary> summaries = new ArrayList<>();
    for (Image image : images.list(request.filters(), request.bool("all"))) {
      summaries.add(ImageViews.summary(image));
    }
    response.json(200, summaries);
  }

  private void inspect(ApiRequest request, ApiResponse response) {
    response.json(200, ImageViews.inspect(images.get(request.param("name"))));
  }

  private void history(ApiRequest request, ApiResponse response) {
    List<HistoryItem> rows = new ArrayList<>();
    for (var entry : images.history(request.param("name"))) {
      rows.add(new HistoryItem(entry.id(), entry.created().getEpochSecond(), entry.createdBy(), entry.tags(),
          entry.size(), entry.comment()));
    }
    response.json(200, rows);
  }

  /** Docker sends the repository fully qualified ({@code docker.io/library/x}); tag may be empty. */
  private void tag(ApiRequest request, ApiResponse response) {
    String repo = request.query("repo");
    if (repo == null || repo.isEmpty()) {
      throw new InvalidArgument("repository name must have at least one component");
    }
    images.tag(request.param("name"), repo, request.query("tag"));
    response.status(201);
  }

  private void remove(ApiRequest request, ApiResponse response) {
    List<DeleteItem> items = new ArrayList<>();
    for (ImageDeletion d : images.remove(request.param("name"), request.bool("force"), request.bool("noprune"))) {
      items.add(new DeleteItem(d.untagged(), d.deleted()));
    }
    response.json(200, items);
  }

  /** {@code docker import} ({@code fromSrc}); pulling ({@code fromImage}) needs the registry client. */
  private void create(ApiRequest request, ApiResponse response) throws IOException {
    String fromImage = request.query("fromImage");
    String fromSrc = request.query("fromSrc");
    if (fromImage != null && !fromImage.isEmpty()) {
      String tag = request.query("tag");
      String reference = tag == null || tag.isEmpty() ? fromImage
          : tag.startsWith("sha256:") ? fromImage + "@" + tag : fromImage + ":" + tag;
      String platform = request.query("platform"); // a bad one is a 400: it is parsed before any progress
      RegistryAuth.Progress messages = new RegistryAuth.Progress(response);
      images.pull(reference, platform, RegistryAuth.credentials(request), messages);
      messages.close();
      return;
    }
    if (!"-".equals(fromSrc)) {
      throw new InvalidArgument(fromSrc == null ? "fromImage or fromSrc is required"
          : "importing from a URL is not supported: use a file or standard input");
    }
    String reference = null;
    String repo = request.query("repo");
    if (repo != null && !repo.isEmpty()) {
      ImageReference ref = ImageReference.parse(repo);
      String tag = request.query("tag");
      reference = (tag == null || tag.isEmpty() ? ref : ref.withTag(tag)).toString();
    }
    Image image = images.importImage(request.body(), new ImportRequest(reference, request.queryAll("changes"),
        request.query("message"), request.query("platform")));
    try (JsonMessageWriter messages = response.jsonMessages()) {
      messages.send(JsonMessage.status(image.id().toString()));
    }
  }

  /** {@code docker push}: progress as a JSON message stream, ended by the aux message with the digest. */
  private void push(ApiRequest request, ApiResponse response) throws IOException {
    String name = request.param("name");
    String tag = request.query("tag");
    String reference = tag == null || tag.isEmpty() ? name : name + ":" + tag;
    RegistryAuth.Progress messages = new RegistryAuth.Progress(response);
    for (Map<String, Object> aux : images.push(reference, RegistryAuth.credentials(request), messages)) {
      messages.send(JsonMessage.aux(aux));
    }
    messages.close();
  }

  /** {@code docker login}: the credentials checked against the registry. */
  @SuppressWarnings("unchecked")
  private void login(ApiRequest request, ApiResponse response) {
    Map<String, Object> body = request.json(Map.class);
    Map<String, Object> b = body == null ? Map.of() : body;
    String server = (String) b.getOrDefault("serveraddress", "docker.io");
    images.login(RegistryAuth.host(server), io.wharf.registry.client.Auth.basic((String) b.get("username"),
        (String) b.get("password")));
    response.json(200, Map.of("Status", "Login Succeeded", "IdentityToken", ""));
  }

  private void load(ApiRequest request, ApiResponse response) throws IOException {
    List<String> lines = new ArrayList<>();
    images.load(request.body(), lines::add);
    try (JsonMessageWriter messages = response.jsonMessages()) {
      for (String line : lines) {
        messages.send(JsonMessage.stream(line + "\n"));
      }
    }
  }

  private void saveMany(ApiRequest request, ApiResponse response) throws IOException {
    List<String> names = request.queryAll("names");
    if (names.isEmpty()) {
      throw new InvalidArgument("no image names given");
    }
    save(names, response);
  }

  private void saveOne(ApiRequest request, ApiResponse response) throws IOException {
    save(List.of(request.param("name")), response);
  }

  /** The answer starts with the first byte of the tar, so an unknown name is still a plain 404. */
  private void save(List<String> names, ApiResponse response) throws IOException {
    // not try-with-resources: a save that fails half-way must not end the tar as if complete
    OutputStream out = new LazyOutputStream(() -> response.stream(200, "application/x-tar"));
    java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
    images.save(names, buffered);
    buffered.flush();
    out.close();
  }

  private void prune(ApiRequest request, ApiResponse response) {
    Map<String, List<String>> filters = request.filters();
    List<String> dangling = filters.getOrDefault("dangling", List.of("true"));
    boolean all = dangling.stream().anyMatch(v -> v.equalsIgnoreCase("false") || v.equals("0"));
    var report = images.prune(filters, all);
    List<DeleteItem> items = new ArrayList<>();
    report.deleted().forEach(d -> items.add(new DeleteItem(d.untagged(), d.deleted())));
    response.json(200, new PruneResponse(items.isEmpty() ? null : items, report.spaceReclaimed()));
  }
}
