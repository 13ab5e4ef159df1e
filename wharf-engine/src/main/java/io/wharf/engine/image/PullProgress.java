package io.wharf.engine.image;

/**
 * One line of pull or push progress, as the docker CLI shows it: a layer's short ID (or null for
 * the whole image) with its status ({@code Pulling fs layer}, {@code Downloading},
 * {@code Pull complete}, {@code Pushed}, {@code Layer already exists}) and, while bytes move,
 * how many of how many.
 */
public record PullProgress(String id, String status, long current, long total) {
  public static PullProgress of(String status) {
    return new PullProgress(null, status, 0, 0);
  }

  public static PullProgress layer(String id, String status) {
    return new PullProgress(id, status, 0, 0);
  }
}
