package dev.cairn.dist;

import static dev.cairn.dist.Dist.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.dist.Dist.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user meets it, in temp directories outside the source tree: served over
 * loopback HTTP, unpacked, {@code bin/cairn wrapper} in a fresh Git repository, then a project run
 * entirely through {@code ./cairnw}: init, add, a two-stage pipeline, and {@code ci run} with a real
 * test command (Maven and JUnit, offline on this build's repository) whose tests the report counts.
 * The distribution is downloaded once; a tampered archive is refused with nothing installed; two
 * first runs at once leave one installation.
 */
class WrapperIT {
  static final String V = Dist.VERSION;
  static final String ARCHIVE_PATH = "/maven2/dev/cairn/cairn-dist/" + V + "/cairn-dist-" + V + ".tar.gz";

  @TempDir
  Path tmp;

  Map<String, String> env;
  Path install;
  Path repo;
  byte[] archive;
  String sha;

  @BeforeEach
  void setUp() throws Exception {
    env = Dist.env(tmp);
    install = Dist.unpack(tmp.resolve("opt"), env);
    repo = Files.createDirectories(tmp.resolve("project"));
    archive = Files.readAllBytes(Dist.TAR_GZ);
    sha = Dist.sha256(archive);
  }

  @Test
  void aProjectRunsThroughTheWrapperWhichDownloadsCairnOnce() throws Exception {
    try (Loopback http = new Loopback()) {
      String url = http.put(ARCHIVE_PATH, archive);
      http.put(ARCHIVE_PATH + ".sha256", Files.readAllBytes(Dist.TARGET.resolve(Dist.NAME + ".tar.gz.sha256")));
      writeProject();
      run(repo, env, "git", "init", "-q", "-b", "main").ok();

      Result w = run(repo, env, install.resolve("bin/cairn").toString(), "wrapper", "--distribution-url", url).ok();
      assertThat(w.out()).isEqualTo("cairnw\ncairnw.cmd\n.cairn/wrapper.properties\n");
      assertThat(w.err()).contains("Cairn wrapper: " + url + " (--distribution-url)",
          "SHA-256 " + sha + " (matches the .sha256 published beside it)");
      assertThat(Files.readString(repo.resolve(".cairn/wrapper.properties")))
          .contains("distributionUrl=" + url + "\n", "distributionSha256Sum=" + sha + "\n");
      assertThat(repo.resolve("cairnw")).isExecutable();
      assertThat(http.gets(ARCHIVE_PATH)).as("cairn wrapper reads the archive once to hash it").isEqualTo(1);

      cairnw("init").ok();
      assertThat(http.gets(ARCHIVE_PATH)).as("the first ./cairnw downloads it").isEqualTo(2);
      Path dists = tmp.resolve("home/.cairn/wrapper/dists/cairn-dist-" + V);
      assertThat(entries(dists)).hasSize(1);
      assertThat(dists.resolve(entries(dists).get(0)).resolve("bin/cairn")).isExecutable();

      cairnw("add", "data/wine.csv").ok();
      cairnw("repro").ok();
      assertThat(Files.readString(repo.resolve("metrics.json"))).isEqualTo("{\"accuracy\": 0.6000, \"rows\": 10}\n");
      run(repo, env, "git", "add", "-A").ok();
      run(repo, env, "git", "commit", "-q", "-m", "Wine model: data, pipeline, tests").ok();
      run(repo, env, "git", "checkout", "-q", "-b", "lower-threshold").ok();
      Files.writeString(repo.resolve("params.yaml"), "threshold: 5\n");
      run(repo, env, "git", "commit", "-q", "-am", "Lower the threshold").ok();

      Result ci = cairnw("ci", "run", "--base", "main").ok();
      assertThat(ci.out()).isEqualTo(repo.resolve("report/report.md") + "\n");
      String report = Files.readString(repo.resolve("report/report.md"));
      assertThat(report).contains("✅ **3 tests**: 3 passed", "| tests | ✅ ok |", "accuracy", "0.9")
          .doesNotContain("❌");
      assertThat(http.gets(ARCHIVE_PATH)).as("no download once the distribution is cached").isEqualTo(2);
      assertThat(http.total()).isEqualTo(3);

      Result again = cairnw("wrapper", "--version", V).ok();
      assertThat(again.err()).contains("Cairn wrapper: " + url + " (repository base from the running wrapper's "
          + repo.resolve(".cairn/wrapper.properties") + ")");
    }
    Result offline = cairnw("--version").ok();
    assertThat(offline.out()).isEqualTo("cairn " + V + "\n");
  }

  @Test
  void aTamperedArchiveIsRefusedWithNothingInstalledAndMirrorsWork() throws Exception {
    try (Loopback http = new Loopback()) {
      String url = http.put(ARCHIVE_PATH, archive);
      run(repo, env, install.resolve("bin/cairn").toString(), "wrapper", "--distribution-url", url).ok();
      byte[] tampered = archive.clone();
      tampered[tampered.length / 2] ^= 0x20;
      String mirror = http.put("/mirror/cairn-dist-" + V + ".tar.gz", tampered);
      Map<String, String> viaMirror = with("CAIRN_DISTRIBUTION_URL", mirror);

      Result refused = cairnw(viaMirror, "--version");
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.out()).isEmpty();
      assertThat(refused.err()).isEqualTo("cairnw: SHA-256 mismatch for " + mirror + ": expected " + sha + ", got "
          + Dist.sha256(tampered) + "; nothing installed\n");
      assertThat(Dist.files(tmp.resolve("home/.cairn"))).as("no distribution, no temp files").isEmpty();
      assertThat(http.gets(ARCHIVE_PATH)).isEqualTo(1);

      http.put("/mirror/cairn-dist-" + V + ".tar.gz", archive);
      assertThat(cairnw(viaMirror, "--version").ok().out()).isEqualTo("cairn " + V + "\n");
      assertThat(http.gets("/mirror/cairn-dist-" + V + ".tar.gz")).isEqualTo(2);

      String repoMirror = "/other-repository/dev/cairn/cairn-dist/" + V + "/cairn-dist-" + V + ".tar.gz";
      http.put(repoMirror, archive);
      Map<String, String> viaRepository = with("CAIRN_REPOSITORY_URL", http.url("/other-repository/"));
      assertThat(cairnw(viaRepository, "--version").ok().out()).isEqualTo("cairn " + V + "\n");
      assertThat(http.gets(repoMirror)).isEqualTo(1);
      assertThat(http.gets(ARCHIVE_PATH)).as("the pinned URL was never downloaded by ./cairnw").isEqualTo(1);
    }
  }

  @Test
  void twoFirstRunsAtOnceBothSucceedAndLeaveOneInstallation() throws Exception {
    try (Loopback http = new Loopback()) {
      String url = http.put(ARCHIVE_PATH, archive);
      run(repo, env, install.resolve("bin/cairn").toString(), "wrapper", "--distribution-url", url).ok();
      http.gate(ARCHIVE_PATH, 3); // the wrapper's own read came first: the two runs then download together
      List<String> cmd = List.of("sh", "-c", "exec ./cairnw --version");
      Process a = Dist.start(repo, env, cmd);
      Process b = Dist.start(repo, env, cmd);
      Result ra = Dist.finish(a, cmd);
      Result rb = Dist.finish(b, cmd);
      assertThat(ra.ok().out()).isEqualTo("cairn " + V + "\n");
      assertThat(rb.ok().out()).isEqualTo("cairn " + V + "\n");
      assertThat(http.gets(ARCHIVE_PATH)).as("both downloaded, at the same time").isEqualTo(3);
      Path dists = tmp.resolve("home/.cairn/wrapper/dists/cairn-dist-" + V);
      assertThat(entries(dists)).as("one installation, no temp directory left").hasSize(1);
      Path installed = dists.resolve(entries(dists).get(0));
      assertThat(entries(installed)).containsExactly("LICENSE", "README", "bin", "lib");
      assertThat(cairnw("--version").ok().out()).isEqualTo("cairn " + V + "\n");
      assertThat(http.gets(ARCHIVE_PATH)).isEqualTo(3);
    }
  }

  private Result cairnw(String... args) throws Exception {
    return cairnw(env, args);
  }

  /** Runs {@code ./cairnw <args>} through the shell in the project, as a user types it. */
  private Result cairnw(Map<String, String> e, String... args) throws Exception {
    StringBuilder line = new StringBuilder("exec ./cairnw");
    for (String a : args) {
      line.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    return run(repo, e, "sh", "-c", line.toString());
  }

  private Map<String, String> with(String key, String value) {
    Map<String, String> e = new HashMap<>(env);
    e.put(key, value);
    return e;
  }

  private static List<String> entries(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(p -> out.add(p.getFileName().toString()));
    }
    out.sort(null);
    return out;
  }

  /**
   * A small project of a user's: wine data, a two-stage pipeline (prepare, evaluate with a param and
   * a metric), a gate, and a Maven project whose JUnit tests {@code ci run} runs.
   */
  private void writeProject() throws Exception {
    write("data/wine.csv", "alcohol,quality\n9.4,5\n9.8,5\n10.2,6\n9.9,6\n11.0,7\n9.5,4\n12.8,7\n10.5,6\n9.2,5\n11.4,6\n");
    write("params.yaml", "threshold: 6\n");
    write("evaluate.sh", """
        #!/bin/sh
        # accuracy: the share of wines whose quality reaches the threshold of params.yaml
        t=$(sed -n 's/^threshold: *//p' params.yaml)
        awk -F, -v t="$t" '{ n++; if ($2 >= t) k++ } END { printf "{\\"accuracy\\": %.4f, \\"rows\\": %d}\\n", k / n, n }' \\
          prepared.csv > metrics.json
        """);
    write("dvc.yaml", """
        stages:
          prepare:
            cmd: sed 1d data/wine.csv > prepared.csv
            deps:
            - data/wine.csv
            outs:
            - prepared.csv
          evaluate:
            cmd: sh evaluate.sh
            deps:
            - evaluate.sh
            - prepared.csv
            params:
            - threshold
            metrics:
            - metrics.json:
                cache: false
        """);
    write("cairn.yaml", """
        gates:
          accuracy: {min: 0.5}
        ci: {test_command: "mvn -B -o -q test"}
        """);
    write(".gitignore", "target/\nreport/\n");
    write("pom.xml", """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>wine-model</artifactId>
          <version>1.0</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
            <dependency>
              <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>%s</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>%s</version></plugin>
            </plugins>
          </build>
        </project>
        """.formatted(System.getProperty("junit.version"), System.getProperty("surefire.version")));
    write("src/main/java/example/Quality.java", """
        package example;

        /** The model: a wine is good when its quality reaches the threshold. */
        public final class Quality {
          private Quality() {}

          public static boolean good(int quality, int threshold) {
            return quality >= threshold;
          }

          public static double accuracy(int[] qualities, int threshold) {
            int k = 0;
            for (int q : qualities) {
              k += good(q, threshold) ? 1 : 0;
            }
            return (double) k / qualities.length;
          }
        }
        """);
    write("src/test/java/example/QualityTest.java", """
        package example;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.Assertions.assertFalse;
        import static org.junit.jupiter.api.Assertions.assertTrue;

        import org.junit.jupiter.api.Test;

        class QualityTest {
          @Test
          void goodAtTheThreshold() {
            assertTrue(Quality.good(6, 6));
          }

          @Test
          void notGoodBelowIt() {
            assertFalse(Quality.good(5, 6));
          }

          @Test
          void accuracyIsTheShareOfGoodWines() {
            assertEquals(0.5, Quality.accuracy(new int[] {5, 6, 7, 4}, 6), 1e-9);
          }
        }
        """);
  }

  private void write(String rel, String text) throws Exception {
    Path p = repo.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
