package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maven for the builds a test starts (a template project, the quickstart's copy of the example), set
 * up as on a user's machine after {@code mvn install} of this repository: a fresh local repository
 * holding this build's {@code cairn-bom}, {@code cairn-live} and {@code cairn-checks} as
 * {@code install} lays them out (their published POMs, without parent, and their jars). Every other
 * artifact comes from the outer build's local repository, declared as a mirror of all repositories,
 * so the nested builds need no network and never see what an earlier {@code mvn install} of a
 * developer left there.
 *
 * <p>Maven reads the settings and the local repository from the user home it is given in
 * {@code MAVEN_OPTS} ({@code -Duser.home}); {@link #env()} is the environment for a process that
 * runs {@code mvn}, directly or through {@code cairn repro} and {@code cairn ci run}.
 */
final class MavenSandbox {
  /** The artifacts installed, as {@code artifactId → files in its module's target/ (POM first)}. */
  static final Map<String, List<String>> LIBRARIES = Map.of(
      "cairn-bom", List.of("published-pom.xml"),
      "cairn-live", List.of("published-pom.xml", "cairn-live-%s.jar"),
      "cairn-checks", List.of("published-pom.xml", "cairn-checks-%s.jar"));

  private final Path home;

  private MavenSandbox(Path home) {
    this.home = home;
  }

  /** The version this build makes (failsafe passes it; the CLI's own otherwise). */
  static String version() {
    return System.getProperty("cairn.test.version", VersionCommand.version());
  }

  /** The outer build's local repository (failsafe passes Maven's setting; the default otherwise). */
  static Path outerRepository() {
    String p = System.getProperty("cairn.test.localRepository");
    return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** A sandbox under {@code dir}, with the libraries of this build installed. */
  static MavenSandbox create(Path dir) throws IOException {
    Path home = dir.resolve("maven-home");
    Path repo = home.resolve(".m2/repository");
    Files.createDirectories(repo);
    Files.writeString(home.resolve(".m2/settings.xml"), """
        <settings>
          <mirrors>
            <mirror><id>outer-build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """.formatted(outerRepository().toUri()), StandardCharsets.UTF_8);
    Path checkout = Path.of("..").toAbsolutePath().normalize();
    String v = version();
    for (Map.Entry<String, List<String>> lib : LIBRARIES.entrySet()) {
      String a = lib.getKey();
      Path into = repo.resolve("dev/cairn").resolve(a).resolve(v);
      Files.createDirectories(into);
      for (String name : lib.getValue()) {
        Path from = checkout.resolve(a).resolve("target").resolve(name.formatted(v));
        assertThat(from).as("built by this reactor before cairn-cli's integration tests").isRegularFile();
        String ext = name.endsWith(".jar") ? ".jar" : ".pom";
        Files.copy(from, into.resolve(a + "-" + v + ext));
      }
    }
    return new MavenSandbox(home);
  }

  /** The local repository the nested builds use. */
  Path repository() {
    return home.resolve(".m2/repository");
  }

  /** The environment of a process that runs Maven in the sandbox: this one's, with MAVEN_OPTS replaced. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("MAVEN_OPTS", "-Duser.home=" + home + " -Dmaven.repo.local=" + repository());
    env.remove("MAVEN_ARGS");
    return env;
  }
}
