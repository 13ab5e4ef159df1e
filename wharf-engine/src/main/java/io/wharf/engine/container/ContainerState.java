package io.wharf.engine.container;

/** Where a container is in its life, with Docker's names ({@code State.Status}). */
public enum ContainerState {
  CREATED("created"), RUNNING("running"), EXITED("exited"), REMOVING("removing"), RESTARTING("restarting");

  private final String dockerName;

  ContainerState(String dockerName) {
    this.dockerName = dockerName;
  }

  public String dockerName() {
    return dockerName;
  }
}
