package dev.cairn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvcYamlWriterTest {
  @TempDir
  Path root;

  static Stage train() {
    return new Stage("train", "", List.of("python src/train.py"), false, ".",
        List.of("src/train.py", "data/processed"),
        List.of(new ParamDep("conf/extra.yaml", List.of("seed", "depth"), false),
            new ParamDep("all.json", List.of(), true),
            new ParamDep("params.yaml", List.of("train.kernel", "train.C"), false)),
        List.of(Out.of("models/model.pkl", Out.Kind.OUT),
            new Out("plots/roc.csv", Out.Kind.PLOT, false, false, true, null, null, null, List.of(), null,
                Map.of("x", "fpr")),
            new Out("metrics.json", Out.Kind.METRIC, false, false, true, null, null, null, List.of(), null, Map.of()),
            new Out("a/cache.bin", Out.Kind.OUT, true, true, false, "backup", "cached", null, List.of(), null,
                Map.of())),
        false, true, "Train the SVM", Map.of("owner", "ml"));
  }

  static final String TRAIN_YAML = """
      stages:
        train:
          desc: Train the SVM
          cmd: python src/train.py
          deps:
          - data/processed
          - src/train.py
          params:
          - train.C
          - train.kernel
          - all.json:
          - conf/extra.yaml:
            - depth
            - seed
          outs:
          - a/cache.bin:
              desc: cached
              persist: true
              remote: backup
              push: false
          - models/model.pkl
          metrics:
          - metrics.json:
              cache: false
          plots:
          - plots/roc.csv:
              cache: false
              x: fpr
          always_changed: true
          meta:
            owner: ml
      """;

  @Test
  void newFileInDvcKeyOrder() throws Exception {
    String text = DvcYamlWriter.addStage(null, train(), false);
    assertThat(text).isEqualTo(TRAIN_YAML);
    Fixtures.write(root, "dvc.yaml", text);
    Stage back = PipelineParser.load(root).stage("train").orElseThrow();
    assertThat(DvcYamlWriter.stageMap(back)).isEqualTo(DvcYamlWriter.stageMap(train()));
  }

  @Test
  void appendKeepsExistingTextAndOrder() throws Exception {
    String existing = """
        # my pipeline
        vars:
          - conf.yaml   # odd indent kept

        stages:
            prepare:   # four-space indent
                cmd: ./prepare.sh
                outs: [data/processed]
            # trailing comment in stages

        plots:
        - plots/roc.csv
        """;
    Stage s = new Stage("report", "", List.of("make report"), false, ".", List.of("data/processed"), List.of(),
        List.of(), false, false, null, null);
    String text = DvcYamlWriter.addStage(existing, s, false);
    assertThat(text).isEqualTo("""
        # my pipeline
        vars:
          - conf.yaml   # odd indent kept

        stages:
            prepare:   # four-space indent
                cmd: ./prepare.sh
                outs: [data/processed]
            # trailing comment in stages
            report:
              cmd: make report
              deps:
              - data/processed

        plots:
        - plots/roc.csv
        """);
    assertThat(DvcYamlWriter.addStage("params:\n- p.yaml\n", s, false))
        .isEqualTo("params:\n- p.yaml\nstages:\n  report:\n    cmd: make report\n    deps:\n    - data/processed\n");
  }

  @Test
  void existingStageNeedsForceAndParametrisedStagesAreRefused() throws Exception {
    String existing = "stages:\n  train:\n    cmd: old\n  other:\n    cmd: x\n";
    assertThatThrownBy(() -> DvcYamlWriter.addStage(existing, train(), false))
        .isInstanceOf(PipelineException.class)
        .hasMessage("Stage 'train' already exists in 'dvc.yaml'; use --force to overwrite it");
    String replaced = DvcYamlWriter.addStage(existing, train(), true);
    assertThat(replaced).startsWith(TRAIN_YAML).endsWith("  other:\n    cmd: x\n");
    String templated = "stages:\n  train:\n    cmd: python t.py ${lr}\n";
    assertThatThrownBy(() -> DvcYamlWriter.addStage(templated, train(), true))
        .hasMessageContaining("parametrised");
  }
}
