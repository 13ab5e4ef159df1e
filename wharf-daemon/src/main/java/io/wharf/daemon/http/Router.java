package io.wharf.daemon.http;

import io.netty.handler.codec.http.HttpMethod;
import io.wharf.api.ApiVersion;
import io.wharf.api.ErrorResponse;
import io.wharf.api.JsonMessage;
import io.wharf.oci.errors.InvalidArgument;
import io.wharf.oci.errors.NotFound;
import io.wharf.oci.errors.WharfException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes requests to handlers by method and path (versioned {@code /v1.NN/…} or not), and
 * maps every failure to Docker's status and {@code {"message"}} in one place. Thread-safe
 * once built.
 */
public final class Router {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());
  private static final Pattern VERSIONED = Pattern.compile("/v([0-9]+\\.[0-9]+)(/.*)");
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)(:\\.\\*)?}");
  private final List<Route> routes = new ArrayList<>();

  /** Handles one request; may block (it runs on a virtual thread). */
  @FunctionalInterface
  public interface Handler {
    void handle(ApiRequest request, ApiResponse response) throws Exception;
  }

  private record Route(HttpMethod method, Pattern pattern, List<String> params, Handler handler) {}

  /**
   * Adds a route. {@code template} names parameters as {@code {name}} (one path segment) or
   * {@code {name:.*}} (any rest, slashes included: image names have them).
   */
  public Router add(HttpMethod method, String template, Handler handler) {
    List<String> params = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      regex.append(m.group(2) != null ? "(.+)" : "([^/]+)");
      params.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, Pattern.compile(regex.toString()), params, handler));
    return this;
  }

  void dispatch(ApiRequest request, ApiResponse response) {
    try {
      String path = request.path();
      ApiVersion version = ApiVersion.CURRENT;
      Matcher versioned = VERSIONED.matcher(path);
      if (versioned.matches()) {
        version = ApiVersion.parse(versioned.group(1)).checkSupported();
        path = versioned.group(2);
      }
      for (Route route : routes) {
        Matcher m = route.pattern().matcher(path);
        if (m.matches() && (route.method().equals(request.method())
            || (route.method().equals(HttpMethod.GET) && request.method().equals(HttpMethod.HEAD)))) {
          Map<String, String> params = new HashMap<>();
          for (int i = 0; i < route.params().size(); i++) {
            params.put(route.params().get(i), m.group(i + 1)); // the path arrives decoded already
          }
          request.route(version, params);
          route.handler().handle(request, response);
          return;
        }
      }
      throw new NotFound("page not found");
    } catch (Throwable failure) {
      fail(request, response, failure);
    }
  }

  private static void fail(ApiRequest request, ApiResponse response, Throwable failure) {
    WharfException known = failure instanceof WharfException w ? w
        : failure instanceof IllegalArgumentException ? new InvalidArgument(failure.getMessage(), failure) : null;
    String message = known != null ? known.getMessage() : String.valueOf(failure.getMessage());
    if (known == null) {
      LOG.log(Level.SEVERE, "handler error: " + request.method() + " " + request.path(), failure);
    } else {
      LOG.fine(() -> request.method() + " " + request.path() + ": " + known.httpStatus() + " " + message);
    }
    if (!response.started() && known != null && known.httpStatus() == 304) {
      response.status(304); // Docker's "nothing to do" (start of a running container): no body
    } else if (!response.started()) {
      response.json(known != null ? known.httpStatus() : 500, new ErrorResponse(message));
    } else if (response.messages() != null) {
      // a JSON message stream has begun: only an errorDetail line can still report it
      try (JsonMessageWriter messages = response.messages()) {
        messages.send(JsonMessage.error(message));
      } catch (java.io.IOException e) {
        LOG.fine("cannot report an error to a client that went away: " + message);
      }
    } else {
      response.abort();
    }
  }
}
