package io.wharf.cli.commands;

import io.wharf.client.EngineClient;
import io.wharf.client.Response;

/**
 * {@code --sig-proxy}: the signals this process gets (INT, TERM, HUP, USR2: those the JVM lets
 * a program take) are sent on to the container, as the docker CLI does for an attached run
 * without a terminal; each goes on a connection of its own, so it never waits behind the
 * output stream.
 */
final class SignalProxy {
  private static final String[] SIGNALS = {"INT", "TERM", "HUP", "USR2"};

  private SignalProxy() {}

  static void forward(String host, String containerId) {
    for (String name : SIGNALS) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
          try (EngineClient client = new EngineClient(host);
              Response ignored = client.post("/containers/" + containerId + "/kill?signal=SIG" + name, null)) {
            // sent
          } catch (java.io.IOException | RuntimeException e) {
            // the container has stopped meanwhile
          }
        });
      } catch (IllegalArgumentException e) {
        // this JVM keeps that signal for itself
      }
    }
  }
}
