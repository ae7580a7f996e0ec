package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example that {@code quickstart} copies is a standalone Maven project: no parent from this
 * repository, and the Cairn libraries at this repository's version, so the copy resolves the ones
 * {@code ./cairn} installed.
 */
class ExampleProjectTest {
  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theExamplesPomHasNoParentAndNamesThisRepositorysVersionOfTheLibraries() throws Exception {
    String pom = Files.readString(CHECKOUT.resolve("examples/wine-quality/pom.xml"));
    assertThat(pom).doesNotContain("<parent>").doesNotContain("<artifactId>cairn-bom</artifactId>");
    assertThat(value(pom, "cairn.version")).isEqualTo(projectVersion());
  }

  @Test
  void theExampleHasWhatTheQuickstartCopies() {
    for (String rel : QuickstartCmd.EXAMPLE_FILES) {
      assertThat(CHECKOUT.resolve("examples/wine-quality").resolve(rel)).exists();
    }
  }

  /** The version of cairn-parent, the root POM of this repository. */
  static String projectVersion() throws Exception {
    String root = Files.readString(CHECKOUT.resolve("pom.xml"));
    Matcher m = Pattern.compile("<artifactId>cairn-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(root);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String value(String pom, String property) {
    Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
    assertThat(m.find()).as(property).isTrue();
    return m.group(1);
  }
}
