package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.Hashing;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.RunCache;
import dev.cairn.repro.StageOutcome.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed demo's shape (process → train → evaluate) run end to end; {@code dvc.lock} compared with
 * the exact text DVC 3 writes for these contents (reference §5.1), hashes computed independently.
 */
class LockConformanceTest {
  static final String RAW = "a,b,quality\n1,2,5\n3,4,6\n5,6,5\n7,8,7\n";
  static final String PROCESS = "mkdir -p data/processed\nhead -n 3 data/raw.csv > data/processed/train.csv\n"
      + "tail -n 2 data/raw.csv > data/processed/test.csv\n";
  static final String TRAIN = "mkdir -p models\n{ echo model; cat data/processed/train.csv; } > models/model.txt\n";
  static final String EVALUATE = "echo '{\"acc\": 0.5}' > metrics.json\nmkdir -p plots\n"
      + "printf 'actual,predicted\\n5,5\\n' > plots/confusion.csv\n";

  @TempDir
  Path dir;

  private static String md5(String s) {
    return Hashing.md5Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  private static int size(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void threeStagePipelineWritesDvcsLockBytes() throws Exception {
    TestRepo repo = new TestRepo(dir);
    repo.write("data/raw.csv", RAW);
    repo.write("src/process.sh", PROCESS);
    repo.write("src/train.sh", TRAIN);
    repo.write("src/evaluate.sh", EVALUATE);
    repo.write("params.yaml", "process:\n  split: 3\ntrain:\n  C: 10\n  kernel: rbf\n  seed: 1\n");
    repo.write("dvc.yaml", """
        stages:
          process:
            cmd: sh src/process.sh
            deps:
            - data/raw.csv
            - src/process.sh
            params:
            - process.split
            outs:
            - data/processed
          train:
            cmd: sh src/train.sh
            deps:
            - src/train.sh
            - data/processed
            params:
            - train.kernel
            - train.C
            outs:
            - models/model.txt
          evaluate:
            cmd: sh src/evaluate.sh
            deps:
            - data/processed
            - models/model.txt
            - src/evaluate.sh
            metrics:
            - metrics.json:
                cache: false
            plots:
            - plots/confusion.csv:
                cache: false
        """);
    TestRepo.Run run = repo.repro();
    assertThat(run.error()).isNull();
    assertThat(run.result().stages(Kind.RAN)).containsExactly("process", "train", "evaluate");

    String train = "a,b,quality\n1,2,5\n3,4,6\n";
    String test = "5,6,5\n7,8,7\n";
    String manifest = "[{\"md5\": \"" + md5(test) + "\", \"relpath\": \"test.csv\"}, {\"md5\": \"" + md5(train)
        + "\", \"relpath\": \"train.csv\"}]";
    String processed = "      md5: " + md5(manifest) + ".dir\n      size: " + (size(train) + size(test))
        + "\n      nfiles: 2\n";
    String model = "model\n" + train;
    String metrics = "{\"acc\": 0.5}\n";
    String confusion = "actual,predicted\n5,5\n";
    String expected = "schema: '2.0'\n"
        + "stages:\n"
        + "  process:\n"
        + "    cmd: sh src/process.sh\n"
        + "    deps:\n"
        + "    - path: data/raw.csv\n      hash: md5\n      md5: " + md5(RAW) + "\n      size: " + size(RAW) + "\n"
        + "    - path: src/process.sh\n      hash: md5\n      md5: " + md5(PROCESS) + "\n      size: " + size(PROCESS) + "\n"
        + "    params:\n      params.yaml:\n        process.split: 3\n"
        + "    outs:\n"
        + "    - path: data/processed\n      hash: md5\n" + processed
        + "  train:\n"
        + "    cmd: sh src/train.sh\n"
        + "    deps:\n"
        + "    - path: data/processed\n      hash: md5\n" + processed
        + "    - path: src/train.sh\n      hash: md5\n      md5: " + md5(TRAIN) + "\n      size: " + size(TRAIN) + "\n"
        + "    params:\n      params.yaml:\n        train.C: 10\n        train.kernel: rbf\n"
        + "    outs:\n"
        + "    - path: models/model.txt\n      hash: md5\n      md5: " + md5(model) + "\n      size: " + size(model) + "\n"
        + "  evaluate:\n"
        + "    cmd: sh src/evaluate.sh\n"
        + "    deps:\n"
        + "    - path: data/processed\n      hash: md5\n" + processed
        + "    - path: models/model.txt\n      hash: md5\n      md5: " + md5(model) + "\n      size: " + size(model) + "\n"
        + "    - path: src/evaluate.sh\n      hash: md5\n      md5: " + md5(EVALUATE) + "\n      size: " + size(EVALUATE) + "\n"
        + "    outs:\n"
        + "    - path: metrics.json\n      hash: md5\n      md5: " + md5(metrics) + "\n      size: " + size(metrics) + "\n"
        + "    - path: plots/confusion.csv\n      hash: md5\n      md5: " + md5(confusion) + "\n      size: "
        + size(confusion) + "\n";
    assertThat(repo.read("dvc.lock")).isEqualTo(expected);

    // every stage was saved to the run-cache (metrics/plots with cache: false do not prevent it)
    LockFile lock = LockFile.read(dir.resolve("dvc.lock"));
    for (String stage : new String[] {"process", "train", "evaluate"}) {
      LockEntry e = lock.entry(stage).orElseThrow();
      assertThat(dir.resolve(".dvc/cache").resolve(RunCache.relativePath(RunCache.key(e), RunCache.value(e))))
          .exists();
    }
    // cached outputs are ignored by git only when in a git repo: none here; a second run does nothing
    TestRepo.Run again = repo.repro();
    assertThat(again.result().stages(Kind.UNCHANGED)).containsExactly("process", "train", "evaluate");
    assertThat(repo.read("dvc.lock")).isEqualTo(expected);
  }
}
