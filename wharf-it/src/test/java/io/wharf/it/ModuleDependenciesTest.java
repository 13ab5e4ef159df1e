package io.wharf.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph of DESIGN.md, enforced: data flows API → engine → store/runtime/kernel,
 * and the CLI knows only the API. A new edge against these rules fails the build.
 */
class ModuleDependenciesTest {
  private static JavaClasses wharf;

  @BeforeAll
  static void importClasses() {
    wharf = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.wharf");
  }

  @Test
  void ociIsPureValues() {
    noClasses().that().resideInAPackage("io.wharf.oci..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.wharf.sys..", "io.wharf.engine..", "io.wharf.api..", "io.wharf.daemon..",
            "io.wharf.client..", "io.wharf.cli..", "io.netty..", "java.nio.channels..")
        .check(wharf);
  }

  @Test
  void sysUsesOnlyTheJdk() {
    noClasses().that().resideInAPackage("io.wharf.sys..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.wharf.engine..", "io.wharf.api..", "io.wharf.daemon..", "io.wharf.client..",
            "io.wharf.cli..", "com.fasterxml..", "io.netty..")
        .check(wharf);
  }

  @Test
  void engineKnowsNothingOfHttpOrClients() {
    noClasses().that().resideInAPackage("io.wharf.engine..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.wharf.api..", "io.wharf.daemon..", "io.wharf.client..", "io.wharf.cli..", "io.netty..")
        .check(wharf);
  }

  @Test
  void apiModelIsApartFromTheEngine() {
    noClasses().that().resideInAPackage("io.wharf.api..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.wharf.engine..", "io.wharf.sys..", "io.wharf.daemon..", "io.wharf.client..", "io.wharf.cli..")
        .check(wharf);
  }

  @Test
  void clientsKnowOnlyTheApi() {
    noClasses().that().resideInAnyPackage("io.wharf.client..", "io.wharf.cli..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.wharf.engine..", "io.wharf.sys..", "io.wharf.daemon..")
        .check(wharf);
  }

  /** Setting up an object mapper costs a CLI command ~20 ms of its 100 ms: clients stream JSON. */
  @Test
  void clientsReadJsonWithoutAnObjectMapper() {
    noClasses().that().resideInAnyPackage("io.wharf.client..", "io.wharf.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("io.wharf.oci.Json")
        .check(wharf);
  }

  @Test
  void daemonDoesNotUseTheClient() {
    noClasses().that().resideInAPackage("io.wharf.daemon..")
        .should().dependOnClassesThat().resideInAnyPackage("io.wharf.client..", "io.wharf.cli..")
        .check(wharf);
  }
}
