package dev.cairn.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: files in a temp repo and the demo project (process → train → evaluate). */
final class Fixtures {
  private Fixtures() {}

  static final String DEMO_PARAMS = """
      data: data/winequality-red.csv
      process:
        feature: quality
        test_size: 0.2
      train:
        hyperparameters:
          kernel: rbf
          C: [0.1, 1, 10]
          gamma: [0.001, 0.01]
        grid_search:
          cv: 5
          scoring: f1_weighted
      """;

  static final String DEMO_DVC_YAML = """
      stages:
        process:
          desc: Split the raw data into train and test sets
          cmd: python src/process.py ${data} data/processed
          deps:
          - src/process.py
          - ${data}
          params:
          - process
          outs:
          - data/processed
        train:
          cmd: python src/train.py data/processed models/model.pkl
          deps:
          - data/processed
          - src/train.py
          params:
          - train.hyperparameters
          - train.grid_search
          outs:
          - models/model.pkl
        evaluate:
          cmd: python src/evaluate.py models/model.pkl data/processed
          deps:
          - data/processed
          - models/model.pkl
          - src/evaluate.py
          metrics:
          - metrics.json:
              cache: false
          plots:
          - plots/confusion.csv:
              template: confusion
              x: actual
              y: predicted
              cache: false
      """;

  static Path write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static Pipeline demo(Path root) throws Exception {
    write(root, "params.yaml", DEMO_PARAMS);
    write(root, "dvc.yaml", DEMO_DVC_YAML);
    return PipelineParser.load(root);
  }

  static Pipeline parse(Path root, String dvcYaml) throws Exception {
    write(root, "dvc.yaml", dvcYaml);
    return PipelineParser.load(root);
  }
}
