package io.wharf.engine.wiring;

import io.wharf.engine.image.ImageService;

/**
 * A running engine: the services of one data root, opened together and closed together.
 * Open it once per daemon; thread-safe.
 */
public final class Engine implements AutoCloseable {
  private final EngineConfig config;
  private final ImageService images;

  private Engine(EngineConfig config, ImageService images) {
    this.config = config;
    this.images = images;
  }

  /**
   * Opens (creating when missing) the engine's state under {@code config}, reconciling what
   * an earlier crash left behind: temporary files removed, half-written objects dropped.
   */
  public static Engine open(EngineConfig config) {
    throw new UnsupportedOperationException("the image store is not wired yet");
  }

  public EngineConfig config() {
    return config;
  }

  public ImageService images() {
    return images;
  }

  @Override
  public void close() {}
}
