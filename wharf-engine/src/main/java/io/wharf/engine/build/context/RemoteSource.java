package io.wharf.engine.build.context;

import io.wharf.oci.errors.Forbidden;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * ADD's remote sources, downloaded as Docker's classic builder does ({@code downloadSource}):
 * one GET, redirects followed; the file is named after the URL's last path element, or when
 * the path is empty or ends with {@code /} after the {@code Content-Disposition} filename, else
 * it has no name ({@link CopySource#relative()} empty); mode 0600; mtime from
 * {@code Last-Modified}, else the epoch. ADD never extracts it. Thread-safe.
 */
public final class RemoteSource {
  private static final String UNNAMED = "__unnamed__";
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.ALWAYS) // as Go's client, which follows any redirect
      .connectTimeout(Duration.ofSeconds(30))
      .build();

  private RemoteSource() {}

  /**
   * Downloads {@code url} into a new directory under {@code scratch} and returns it as a
   * source of ADD. A status of 400 or more is an error in Docker's words ({@code "ADD failed:
   * failed to GET <url> with status 404 Not Found: <body>"}): {@link NotFound} for 404,
   * {@link Forbidden} for 403, {@link InvalidArgument} otherwise; an unknown host is a
   * {@link NotFound}, another network failure a {@link SystemError}.
   */
  public static CopySource fetch(String url, Path scratch) throws IOException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgument("ADD failed: parse \"" + url + "\": " + e.getMessage(), e);
    }
    HttpResponse<InputStream> response = get(uri, url);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status >= 400) {
        String text = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8).strip();
        String message = "ADD failed: failed to GET " + url + " with status " + HttpStatus.line(status) + ": " + text;
        throw switch (status) {
          case 404 -> new NotFound(message);
          case 403 -> new Forbidden(message);
          default -> new InvalidArgument(message);
        };
      }
      String name = fileName(uri.getPath(), response.headers().firstValue("Content-Disposition").orElse(null));
      Path dir = Files.createTempDirectory(scratch, "remote-");
      try {
        Path file = dir.resolve(name.isEmpty() ? UNNAMED : name);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
          body.transferTo(out);
        }
        FileTime mtime = HttpStatus.lastModified(response.headers().firstValue("Last-Modified").orElse(null));
        Trees.setTimes(file, mtime);
        return new CopySource(url, file, name, true);
      } catch (IOException | RuntimeException e) {
        io.wharf.engine.archive.FileTree.delete(dir);
        throw e;
      }
    }
  }

  private static HttpResponse<InputStream> get(URI uri, String url) throws IOException {
    try {
      return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (UnknownHostException e) {
      throw new NotFound("ADD failed: Get \"" + url + "\": dial tcp: lookup " + uri.getHost() + ": no such host", e);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgument("ADD failed: Get \"" + url + "\": unsupported URL", e);
    } catch (IOException e) {
      throw new SystemError("ADD failed: Get \"" + url + "\": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SystemError("ADD failed: Get \"" + url + "\": interrupted", e);
    }
  }

  /** Docker's {@code getFilenameForDownload}: the path's last element, else the disposition's filename. */
  static String fileName(String path, String contentDisposition) {
    if (path != null && !path.isEmpty() && !path.endsWith("/")) {
      return checked(path.substring(path.lastIndexOf('/') + 1));
    }
    String filename = HttpStatus.dispositionFilename(contentDisposition);
    if (filename != null && !filename.isEmpty() && !filename.endsWith("/")) {
      return checked(filename.substring(filename.lastIndexOf('/') + 1));
    }
    return "";
  }

  private static String checked(String name) {
    if (name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
      throw new InvalidArgument("ADD failed: cannot determine filename from \"" + name + "\"");
    }
    try {
      Path.of(name);
    } catch (InvalidPathException e) {
      throw new InvalidArgument("ADD failed: invalid file name \"" + name + "\"", e);
    }
    return name;
  }
}
