package io.wharf.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** docker-java (the client under Testcontainers) as the tests connect it to a wharfd. */
final class DockerJava {
  private DockerJava() {}

  /** A client of {@code daemon}'s socket with {@code configDir} (made if missing) as its docker config. */
  static DockerClient connect(WharfDaemonProcess daemon, Path configDir) throws IOException {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(daemon.host())
        .withDockerConfig(Files.createDirectories(configDir).toString())
        .build();
    return DockerClientImpl.getInstance(config,
        new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }
}
