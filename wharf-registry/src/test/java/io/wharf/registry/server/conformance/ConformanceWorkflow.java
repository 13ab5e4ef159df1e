package io.wharf.registry.server.conformance;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One workflow of the conformance suite: its specs are the subclass's {@code @Test} methods,
 * run in {@code @Order}, one instance for all of them so that state passes from spec to spec as
 * in the suite. Run alone, a workflow gets a registry of its own on a fresh root (as the suite
 * run with only that workflow enabled); run inside {@link ConformanceSuiteTest}, it shares the
 * suite's registry, namespace and {@link SuiteData} with the workflows before it. Not
 * thread-safe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConformanceWorkflow {
  /** A registry and the suite's data, shared by the workflows of one suite run. */
  record Shared(ConformanceRegistry registry, SuiteData data) {}

  ConformanceRegistry registry;
  SuiteData data;
  private boolean owner;

  @BeforeAll
  final void startRegistry(@TempDir Path root) throws IOException {
    Shared shared = shared();
    if (shared != null) {
      registry = shared.registry();
      data = shared.data();
      return;
    }
    data = SuiteData.random();
    registry = ConformanceRegistry.start(root);
    owner = true;
  }

  @AfterAll
  final void stopRegistry() {
    if (owner) {
      registry.close();
    }
  }

  /** The suite run this workflow belongs to; null when it runs alone. */
  Shared shared() {
    return null;
  }
}
