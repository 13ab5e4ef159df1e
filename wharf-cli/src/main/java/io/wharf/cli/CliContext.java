package io.wharf.cli;

import io.wharf.client.EngineClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs with: its streams, environment, the daemon's address and a client,
 * connected on first use (starting wharfd when the default socket has none, see
 * {@link DaemonStarter}). Not thread-safe: one per invocation.
 */
public final class CliContext implements AutoCloseable {
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Map<String, String> env;
  private final String host;
  private final boolean defaultHost;
  private EngineClient client;

  public CliContext(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, String host, boolean defaultHost) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = env;
    this.host = host;
    this.defaultHost = defaultHost;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public Map<String, String> env() {
    return env;
  }

  public String host() {
    return host;
  }

  /** The client, connected (and the daemon started, when it is ours to start). */
  public EngineClient client() {
    if (client == null) {
      EngineClient candidate = new EngineClient(host);
      if (defaultHost) {
        DaemonStarter.ensureRunning(candidate, err, env);
      }
      client = candidate;
    }
    return client;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
