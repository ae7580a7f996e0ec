package dev.cairn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;

/**
 * A Cairn project in a temporary Git repository: {@code main} (accuracy 0.6, {@code train.C: 1})
 * and branch {@code pr} (checked out) that sets {@code train.C: 10}. The stage {@code train}
 * writes accuracy 0.52 for C = 10; the tests command copies a JUnit report into place.
 */
final class PrRepo {
  final Path root;
  final Map<String, String> env;

  record Result(int code, String out, String err) {}

  PrRepo(Path root) throws Exception {
    this.root = root;
    this.env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", System.getProperty("user.home"));
    Files.createDirectories(root);
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      Result init = run("init");
      if (init.code() != 0) {
        throw new IllegalStateException(init.err());
      }
      write(".gitignore", "/target\n/report\n");
      write("dvc.yaml", """
          stages:
            train:
              cmd: sh train.sh
              deps:
              - train.sh
              params:
              - train.C
              metrics:
              - dvclive/metrics.json:
                  cache: false
          """);
      write("train.sh", """
          mkdir -p dvclive
          if grep -q 'C: 10' params.yaml; then acc=0.52; else acc=0.6; fi
          printf '{"accuracy": %s}' "$acc" > dvclive/metrics.json
          """);
      write("params.yaml", "train:\n  C: 1\n");
      write("dvclive/metrics.json", "{\"accuracy\": 0.6}");
      write("cairn.yaml", """
          gates:
            accuracy: {max_drop: 0.05}
          ci:
            test_command: mkdir -p target/surefire-reports && cp tests/TEST-demo.xml target/surefire-reports/
          """);
      write("tests/TEST-demo.xml", """
          <testsuite name="demo.ModelTest" tests="2">
            <testcase name="loads" classname="demo.ModelTest"/>
            <testcase name="predicts" classname="demo.ModelTest"/>
          </testsuite>
          """);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("main").setSign(false).call();
      git.checkout().setCreateBranch(true).setName("pr").call();
      write("params.yaml", "train:\n  C: 10\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("C = 10").setSign(false).call();
    }
  }

  Result run(String... args) {
    return run(env, args);
  }

  Result run(Map<String, String> environment, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    List<String> full = new ArrayList<>(List.of("-C", root.toString()));
    full.addAll(List.of(args));
    int code = Main.run(full.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), false,
        environment);
    return new Result(code, o.toString(), e.toString());
  }

  void write(String rel, String text) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
