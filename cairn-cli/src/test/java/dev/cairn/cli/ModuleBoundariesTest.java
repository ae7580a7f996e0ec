package dev.cairn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between Cairn's modules (docs/architecture.md, "Module boundaries"), read from the
 * compiled classes of every module on this test's class path: a package named {@code internal} is
 * used only inside its own module (what a {@code module-info.java} that does not export it would
 * enforce), no package is split across modules, and the modules that promise to depend on nothing
 * of ours keep that promise (forge: but for cairn-retry).
 */
class ModuleBoundariesTest {
  /** {@code .../cairn-core/target/classes/} or {@code .../cairn-core-0.1.0-SNAPSHOT.jar}. */
  private static final Pattern MODULE = Pattern.compile("/(cairn-[a-z0-9-]+?)(/target/classes/|-\\d[^/]*\\.jar)");

  private static JavaClasses all;

  @BeforeAll
  static void importAll() {
    all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.cairn");
  }

  /** The Maven module a class was compiled in, from where it was loaded. */
  static Optional<String> module(JavaClass c) {
    return c.getSource().map(s -> MODULE.matcher(s.getUri().toString())).filter(Matcher::find).map(m -> m.group(1));
  }

  @Test
  void everyModuleIsSeen() {
    Set<String> modules = new TreeSet<>();
    all.forEach(c -> module(c).ifPresent(modules::add));
    assertThat(modules).contains("cairn-retry", "cairn-storage-api", "cairn-core", "cairn-plots", "cairn-forge", "cairn-report",
        "cairn-ci", "cairn-cli");
  }

  @Test
  void internalPackagesStayInTheirModule() {
    classes().should(new ArchCondition<JavaClass>("use internal packages of their own module only") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        Optional<String> from = module(c);
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          if (!target.getPackageName().startsWith("dev.cairn.") || !target.getPackageName().matches(".*\\binternal\\b.*")) {
            continue;
          }
          Optional<String> to = module(target);
          if (!from.equals(to)) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": " + to.orElse("?")
                + " does not export " + target.getPackageName() + " to " + from.orElse("?")));
          }
        }
      }
    }).check(all);
  }

  @Test
  void noPackageIsSplitAcrossModules() {
    Map<String, Set<String>> modulesByPackage = new HashMap<>();
    all.forEach(c -> module(c).ifPresent(m -> modulesByPackage.computeIfAbsent(c.getPackageName(),
        k -> new TreeSet<>()).add(m)));
    modulesByPackage.values().removeIf(s -> s.size() < 2);
    assertThat(modulesByPackage).as("packages in more than one module").isEmpty();
  }

  @Test
  void forgeLiveAndChecksDependOnNothingOfOurs() {
    // forge: only the retry policy it shares with transfers; live and checks: nothing at all
    Map<String, String[]> allowed = Map.of("dev.cairn.forge", new String[] {"dev.cairn.forge..", "dev.cairn.retry.."},
        "dev.cairn.live", new String[] {"dev.cairn.live.."}, "dev.cairn.checks", new String[] {"dev.cairn.checks.."});
    allowed.forEach((pkg, own) -> noClasses().that().resideInAPackage(pkg + "..")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.cairn..")
            .and(JavaClass.Predicates.resideOutsideOfPackages(own)))
        .allowEmptyShould(true)
        .check(all));
  }
}
