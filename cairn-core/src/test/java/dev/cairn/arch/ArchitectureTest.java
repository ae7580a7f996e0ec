package dev.cairn.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.cairn.api.Cairn;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of {@code cairn-core} (docs/architecture.md, "Layers"), read from the compiled
 * classes: dependencies point one way, with the porcelain ({@code dev.cairn.api}) on top.
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() throws URISyntaxException {
    Path classes = Path.of(Cairn.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPath(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.cairn.(**)").namingSlices("$1").should().beFreeOfCycles().check(core);
  }

  @Test
  void onlyThePorcelainUsesThePorcelain() {
    noClasses().that().resideOutsideOfPackage("dev.cairn.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.cairn.api..")
        .because("dev.cairn.api is the porcelain on top of the capability packages, as JGit's api on lib")
        .check(core);
  }
}
