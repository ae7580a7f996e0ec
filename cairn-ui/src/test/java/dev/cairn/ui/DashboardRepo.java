package dev.cairn.ui;

import dev.cairn.api.Cairn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real repository for the dashboard's tests: Git (the {@code git} CLI) and Cairn, one stage
 * {@code train} (a shell script) that writes DVCLive files step by step ({@code dvclive/metrics.json}
 * and {@code dvclive/plots/metrics/loss.tsv}, a plot of dvc.yaml), reproduced and committed on
 * {@code main}; experiments made with the library's {@code exp run}. A file {@code .stop} in the
 * workspace ends the training loop early (the live test's run lasts as long as the test needs).
 */
final class DashboardRepo {
  static final String TRAIN_SH = """
      #!/bin/sh
      set -e
      C=$(sed -n 's/^  C: *//p' params.yaml)
      EPOCHS=$(sed -n 's/^  epochs: *//p' params.yaml)
      DELAY=$(sed -n 's/^  delay: *//p' params.yaml)
      mkdir -p dvclive/plots/metrics
      printf 'step\\tloss\\n' > dvclive/plots/metrics/loss.tsv
      step=0
      loss=1
      while [ "$step" -lt "$EPOCHS" ] && [ ! -f .stop ]; do
        loss=$(awk -v c="$C" -v s="$step" 'BEGIN { printf "%.4f", 1 / (1 + s * c / 4) }')
        printf '%s\\t%s\\n' "$step" "$loss" >> dvclive/plots/metrics/loss.tsv
        printf '{\\n    "loss": %s,\\n    "step": %s\\n}\\n' "$loss" "$step" > dvclive/metrics.json.tmp
        mv dvclive/metrics.json.tmp dvclive/metrics.json
        echo "epoch $step loss $loss"
        step=$((step + 1))
        sleep "$DELAY"
      done
      mkdir -p images
      echo 'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4YaMBRwzEcQDxwxLBXOwG1wAAAABJRU5ErkJggg==' | base64 -d > images/confusion.png
      acc=$(awk -v c="$C" 'BEGIN { printf "%.4f", 1 - 0.5 / (1 + c) }')
      printf '{\\n    "acc": %s,\\n    "loss": %s,\\n    "step": %s\\n}\\n' "$acc" "$loss" "$((step - 1))" > dvclive/metrics.json
      """;

  static final String DVC_YAML = """
      stages:
        train:
          cmd: sh train.sh
          deps:
          - train.sh
          params:
          - train.C
          - train.epochs
          - train.delay
          metrics:
          - dvclive/metrics.json:
              cache: false
          plots:
          - dvclive/plots/metrics/loss.tsv:
              cache: false
              x: step
              y: loss
          - images/confusion.png:
              cache: false
      """;

  final Path root;

  private DashboardRepo(Path root) {
    this.root = root;
  }

  static String params(double c, int epochs, double delay) {
    return "train:\n  C: " + c + "\n  epochs: " + epochs + "\n  delay: " + delay + "\n";
  }

  /** The repository, its baseline reproduced and committed on main, and experiments with these C values. */
  static DashboardRepo create(Path root, double... experimentCs) throws Exception {
    DashboardRepo r = new DashboardRepo(root);
    Files.createDirectories(root);
    r.git("init", "-q", "-b", "main");
    r.git("config", "user.email", "ui@example.com");
    r.git("config", "user.name", "UI test");
    r.git("config", "commit.gpgsign", "false");
    Cairn.init(root).call();
    r.write("train.sh", TRAIN_SH);
    r.write("dvc.yaml", DVC_YAML);
    r.write("params.yaml", params(1.0, 6, 0));
    try (Cairn c = Cairn.open(root)) {
      c.repro().call();
    }
    r.git("add", "-A");
    r.git("commit", "-q", "-m", "baseline");
    for (int i = 0; i < experimentCs.length; i++) {
      try (Cairn c = Cairn.open(root)) {
        c.expRun().addSetParam("train.C=" + experimentCs[i]).setName("exp-" + (char) ('a' + i)).call();
      }
    }
    return r;
  }

  void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  String git(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }
}
