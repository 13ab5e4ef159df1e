package io.wharf.api.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create}: the container's config with its
 * {@code HostConfig}. Every field may be null (docker-java sends many nulls); unknown keys are
 * ignored.
 */
public record ContainerCreateBody(
    @JsonProperty("Image") String image,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("User") String user,
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("Tty") Boolean tty,
    @JsonProperty("OpenStdin") Boolean openStdin,
    @JsonProperty("StdinOnce") Boolean stdinOnce,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("StopTimeout") Integer stopTimeout,
    @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
    @JsonProperty("Volumes") Map<String, Object> volumes,
    @JsonProperty("Healthcheck") Healthcheck healthcheck,
    @JsonProperty("HostConfig") HostConfig hostConfig,
    @JsonProperty("NetworkingConfig") NetworkingConfig networkingConfig) {

  /** {@code NetworkingConfig}: the endpoint of each network the container joins at create. */
  public record NetworkingConfig(@JsonProperty("EndpointsConfig") Map<String, EndpointConfig> endpointsConfig) {}

  /** One network's endpoint settings ({@code --network-alias}, {@code --ip}). */
  public record EndpointConfig(
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("IPAMConfig") IpamConfig ipamConfig) {}

  /** {@code --ip}: the address asked for on that network. */
  public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}

  /** One host binding of a published port: {@code -p [HostIp:][HostPort:]ContainerPort}. */
  public record PortBinding(@JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {}

  /** The host side of the config, as far as this engine reads it. */
  public record HostConfig(
      @JsonProperty("AutoRemove") Boolean autoRemove,
      @JsonProperty("Init") Boolean init,
      @JsonProperty("ReadonlyRootfs") Boolean readonlyRootfs,
      @JsonProperty("Privileged") Boolean privileged,
      @JsonProperty("CapAdd") List<String> capAdd,
      @JsonProperty("CapDrop") List<String> capDrop,
      @JsonProperty("SecurityOpt") List<String> securityOpt,
      @JsonProperty("ShmSize") Long shmSize,
      @JsonProperty("Runtime") String runtime,
      @JsonProperty("NetworkMode") String networkMode,
      @JsonProperty("PortBindings") Map<String, List<PortBinding>> portBindings,
      @JsonProperty("PublishAllPorts") Boolean publishAllPorts,
      @JsonProperty("Dns") List<String> dns,
      @JsonProperty("DnsSearch") List<String> dnsSearch,
      @JsonProperty("DnsOptions") List<String> dnsOptions,
      @JsonProperty("ExtraHosts") List<String> extraHosts,
      @JsonProperty("Binds") List<String> binds,
      @JsonProperty("Mounts") List<MountBody> mounts,
      @JsonProperty("Tmpfs") Map<String, String> tmpfs,
      @JsonProperty("VolumesFrom") List<String> volumesFrom,
      @JsonProperty("Memory") Long memory,
      @JsonProperty("MemorySwap") Long memorySwap,
      @JsonProperty("MemoryReservation") Long memoryReservation,
      @JsonProperty("OomKillDisable") Boolean oomKillDisable,
      @JsonProperty("NanoCpus") Long nanoCpus,
      @JsonProperty("CpuShares") Long cpuShares,
      @JsonProperty("CpuPeriod") Long cpuPeriod,
      @JsonProperty("CpuQuota") Long cpuQuota,
      @JsonProperty("CpusetCpus") String cpusetCpus,
      @JsonProperty("PidsLimit") Long pidsLimit,
      @JsonProperty("BlkioWeight") Integer blkioWeight,
      @JsonProperty("Ulimits") List<Ulimit> ulimits,
      @JsonProperty("RestartPolicy") RestartPolicy restartPolicy,
      @JsonProperty("LogConfig") LogConfig logConfig) {}

  /** {@code --ulimit nofile=1024:2048}. */
  public record Ulimit(@JsonProperty("Name") String name, @JsonProperty("Soft") Long soft,
      @JsonProperty("Hard") Long hard) {}

  /** {@code --restart on-failure:3}: name {@code no|always|unless-stopped|on-failure}. */
  public record RestartPolicy(@JsonProperty("Name") String name,
      @JsonProperty("MaximumRetryCount") Integer maximumRetryCount) {}

  /** {@code --log-driver}, {@code --log-opt}. */
  public record LogConfig(@JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {}

  /**
   * {@code Config.Healthcheck} ({@code --health-cmd} …): {@code Test} is {@code ["NONE"]},
   * {@code ["CMD", args…]} or {@code ["CMD-SHELL", command]}; durations in nanoseconds, 0 for the default.
   */
  public record Healthcheck(@JsonProperty("Test") List<String> test, @JsonProperty("Interval") Long interval,
      @JsonProperty("Timeout") Long timeout, @JsonProperty("Retries") Integer retries,
      @JsonProperty("StartPeriod") Long startPeriod, @JsonProperty("StartInterval") Long startInterval) {}

  /** One {@code --mount}. */
  public record MountBody(
      @JsonProperty("Type") String type,
      @JsonProperty("Source") String source,
      @JsonProperty("Target") String target,
      @JsonProperty("ReadOnly") Boolean readOnly,
      @JsonProperty("BindOptions") BindOptions bindOptions,
      @JsonProperty("VolumeOptions") VolumeOptions volumeOptions,
      @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {}

  /** {@code bind-propagation}. */
  public record BindOptions(@JsonProperty("Propagation") String propagation) {}

  /** {@code volume-nocopy}, {@code volume-label}, {@code volume-opt}. */
  public record VolumeOptions(@JsonProperty("NoCopy") Boolean noCopy,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("DriverConfig") Map<String, Object> driverConfig) {}

  /** {@code tmpfs-size} (bytes) and {@code tmpfs-mode}. */
  public record TmpfsOptions(@JsonProperty("SizeBytes") Long sizeBytes, @JsonProperty("Mode") Integer mode) {}
}
