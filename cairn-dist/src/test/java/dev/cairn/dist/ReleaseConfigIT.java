package dev.cairn.dist;

import static dev.cairn.dist.Dist.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.dist.Dist.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release configuration ({@code cairn-dist/jreleaser.yml}) passes JReleaser's own validation,
 * offline, as a release (the version without {@code -SNAPSHOT}: JReleaser leaves the packagers out
 * of a snapshot): {@code jreleaser:config} runs in a nested Maven ({@code -o}, this build's repository,
 * where the build resolved the plugin) in a temp Git repository laid out as the module is, with an
 * {@code origin} remote that is never contacted and a placeholder token (JReleaser requires one to
 * validate; nothing is sent).
 */
class ReleaseConfigIT {
  @TempDir
  Path tmp;

  @Test
  void jreleaserValidatesTheConfigurationOffline() throws Exception {
    Map<String, String> env = Dist.env(tmp);
    env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + Dist.MAVEN_REPO + " -Duser.home=" + tmp.resolve("home"));
    Path module = Files.createDirectories(tmp.resolve("cairn-dist"));
    Files.copy(Path.of(System.getProperty("cairn.jreleaserConfig")), module.resolve("jreleaser.yml"));
    Path target = Files.createDirectories(module.resolve("target"));
    String release = Dist.VERSION.replace("-SNAPSHOT", "");
    for (String ext : new String[] {".tar.gz", ".zip"}) {
      Files.copy(Dist.TARGET.resolve(Dist.NAME + ext), target.resolve("cairn-" + release + ext),
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.writeString(module.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.cairn</groupId>
          <artifactId>cairn-dist</artifactId>
          <version>%s</version>
          <packaging>pom</packaging>
          <name>Cairn release distribution</name>
          <build>
            <plugins>
              <plugin>
                <groupId>org.jreleaser</groupId><artifactId>jreleaser-maven-plugin</artifactId><version>%s</version>
                <configuration><configFile>jreleaser.yml</configFile></configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(release, System.getProperty("jreleaser.version")));
    run(module, env, "git", "init", "-q", "-b", "main").ok();
    run(module, env, "git", "add", "-A").ok();
    run(module, env, "git", "commit", "-q", "-m", "Release").ok();
    run(module, env, "git", "remote", "add", "origin", "https://github.com/cairn-dev/cairn.git").ok();

    Result r = run(module, env, "mvn", "-B", "-o", "jreleaser:config", "-Djreleaser.dry.run=true",
        "-Djreleaser.github.token=offline-check");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Validating configuration", "distributions:", "type: JAVA_BINARY",
        "path: target/cairn-" + release + ".tar.gz", "path: target/cairn-" + release + ".zip", "jbang:", "brew:",
        "alias: cairn", "formulaName: cairn", "artifactId: cairn-cli", "BUILD SUCCESS").doesNotContain("[ERROR]");
  }
}
