package io.wharf.registry.server.conformance;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite as {@code 00_conformance_suite_test.go} runs it with every workflow
 * enabled: Pull, Push, Content Discovery, Content Management, in that order, against one registry
 * and one namespace, with one {@link SuiteData}, so that each workflow meets what the ones before
 * it left (deleted manifests, unlinked blobs pushed again, tags reused). The workflows' specs are
 * those of {@link ConformancePullTest}, {@link ConformancePushTest}, {@link
 * ConformanceDiscoveryTest} and {@link ConformanceManagementTest}. Not thread-safe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ConformanceSuiteTest {
  private ConformanceWorkflow.Shared shared;

  @BeforeAll
  void start(@TempDir Path root) throws IOException {
    shared = new ConformanceWorkflow.Shared(ConformanceRegistry.start(root), SuiteData.random());
  }

  @AfterAll
  void stop() {
    shared.registry().close();
  }

  @Nested
  @Order(1)
  class Pull extends ConformancePullTest {
    @Override
    Shared shared() {
      return shared;
    }
  }

  @Nested
  @Order(2)
  class Push extends ConformancePushTest {
    @Override
    Shared shared() {
      return shared;
    }
  }

  @Nested
  @Order(3)
  class ContentDiscovery extends ConformanceDiscoveryTest {
    @Override
    Shared shared() {
      return shared;
    }
  }

  @Nested
  @Order(4)
  class ContentManagement extends ConformanceManagementTest {
    @Override
    Shared shared() {
      return shared;
    }
  }
}
