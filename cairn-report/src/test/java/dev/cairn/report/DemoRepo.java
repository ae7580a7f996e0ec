package dev.cairn.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/**
 * A small Cairn project in a temporary Git repository: {@code main} with one model, and branch
 * {@code feature} (checked out) with other params, metrics, plot data and data files.
 */
final class DemoRepo {
  private DemoRepo() {}

  static final String DVC_YAML = """
      stages:
        train:
          cmd: java -jar train.jar
          deps:
          - data/wine.csv
          params:
          - train.C
          - train.kernel
          outs:
          - model.bin
          metrics:
          - dvclive/metrics.json:
              cache: false
          plots:
          - dvclive/plots/metrics/acc.tsv:
              cache: false
              x: step
              y: acc
      """;

  static void create(Path root) throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      write(root, ".gitignore", "/target\n/model.bin\n/data\n");
      write(root, "dvc.yaml", DVC_YAML);
      write(root, "cairn.yaml", """
          gates:
            accuracy: {min: 0.55}
            dvclive/metrics.json:accuracy: {max_drop: 0.1}
            loss: {max: 0.8, max_increase: 5%}
          """);
      write(root, "params.yaml", "train:\n  C: 1\n  kernel: rbf\n");
      write(root, "dvclive/metrics.json", "{\"accuracy\": 0.6, \"loss\": 0.7}");
      write(root, "dvclive/plots/metrics/acc.tsv", "step\tacc\n0\t0.5\n1\t0.6\n");
      write(root, "data.dvc", "outs:\n- md5: 11111111111111111111111111111111.dir\n  size: 1048576\n  nfiles: 2\n"
          + "  hash: md5\n  path: data\n");
      write(root, "old.dvc", "outs:\n- md5: 22222222222222222222222222222222\n  size: 10\n  hash: md5\n  path: old.csv\n");
      write(root, "dvc.lock", lock("33333333333333333333333333333333", 2048));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("main").setSign(false).call();

      git.checkout().setCreateBranch(true).setName("feature").call();
      write(root, "params.yaml", "train:\n  C: 10\n  kernel: rbf\n");
      write(root, "dvclive/metrics.json", "{\"accuracy\": 0.52, \"loss\": 0.75}");
      write(root, "dvclive/plots/metrics/acc.tsv", "step\tacc\n0\t0.45\n1\t0.52\n");
      write(root, "data.dvc", "outs:\n- md5: 44444444444444444444444444444444.dir\n  size: 1572864\n  nfiles: 3\n"
          + "  hash: md5\n  path: data\n");
      git.rm().addFilepattern("old.dvc").call();
      write(root, "extra.dvc", "outs:\n- md5: 55555555555555555555555555555555\n  size: 512\n  hash: md5\n  path: extra.bin\n");
      write(root, "dvc.lock", lock("66666666666666666666666666666666", 4096));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feature").setSign(false).call();
    }
  }

  /** A surefire report with one failure, one error and one skipped test out of four. */
  static void surefire(Path root) throws Exception {
    write(root, "target/surefire-reports/TEST-dev.example.ModelTest.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="dev.example.ModelTest" tests="4" failures="1" errors="1" skipped="1">
          <testcase name="accuracyAboveBaseline" classname="dev.example.ModelTest" time="0.1">
            <failure message="expected: 0.55&#10;but was: 0.52" type="org.opentest4j.AssertionFailedError">trace</failure>
          </testcase>
          <testcase name="loads" classname="dev.example.ModelTest" time="0.1">
            <error message="java.io.IOException: model.bin: no such file" type="java.io.IOException">trace</error>
          </testcase>
          <testcase name="slow" classname="dev.example.ModelTest" time="0"><skipped/></testcase>
          <testcase name="predicts" classname="dev.example.ModelTest" time="0.2"/>
        </testsuite>
        """);
  }

  private static String lock(String modelMd5, long size) {
    return "schema: '2.0'\nstages:\n  train:\n    cmd: java -jar train.jar\n    outs:\n"
        + "    - path: dvclive/metrics.json\n      hash: md5\n      md5: 77777777777777777777777777777777\n      size: 40\n"
        + "    - path: model.bin\n      hash: md5\n      md5: " + modelMd5 + "\n      size: " + size + "\n";
  }

  static void write(Path root, String rel, String text) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
