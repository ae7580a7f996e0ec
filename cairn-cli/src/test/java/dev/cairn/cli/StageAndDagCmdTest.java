package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn stage add|list} and {@code cairn dag}. */
class StageAndDagCmdTest {
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() {
    assertThat(CliRun.in(dir, "init", "--no-scm").code()).isZero();
  }

  private void addDemo() {
    assertThat(CliRun.in(dir, "stage", "add", "-n", "process", "-d", "src/process.py", "-d", "data/raw.csv",
        "-p", "process", "-o", "data/processed", "python src/process.py").code()).isZero();
    assertThat(CliRun.in(dir, "stage", "add", "-n", "train", "-d", "data/processed", "-p", "train.C,train.kernel",
        "-p", "conf.yaml:seed", "-o", "model.pkl", "python", "src/train.py", "a b").code()).isZero();
    assertThat(CliRun.in(dir, "stage", "add", "-n", "evaluate", "-d", "model.pkl", "-d", "data/processed",
        "-M", "metrics.json", "--plots-no-cache", "plots.csv", "--desc", "Score the model",
        "python src/evaluate.py").code()).isZero();
  }

  @Test
  void stageAddWritesDvcYamlAsDvc() throws Exception {
    addDemo();
    assertThat(CliRun.read(dir, "dvc.yaml")).isEqualTo("""
        stages:
          process:
            cmd: python src/process.py
            deps:
            - data/raw.csv
            - src/process.py
            params:
            - process
            outs:
            - data/processed
          train:
            cmd: python src/train.py "a b"
            deps:
            - data/processed
            params:
            - train.C
            - train.kernel
            - conf.yaml:
              - seed
            outs:
            - model.pkl
          evaluate:
            desc: Score the model
            cmd: python src/evaluate.py
            deps:
            - data/processed
            - model.pkl
            metrics:
            - metrics.json:
                cache: false
            plots:
            - plots.csv:
                cache: false
        """);
  }

  @Test
  void stageAddRefusesExistingStageWithoutForce() throws Exception {
    addDemo();
    CliRun again = CliRun.in(dir, "stage", "add", "-n", "train", "-o", "model.pkl", "echo hi");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.errLines()).singleElement().asString().contains("already exists");
    CliRun forced = CliRun.in(dir, "stage", "add", "-f", "-n", "train", "-o", "model.pkl", "echo hi");
    assertThat(forced.code()).isZero();
    assertThat(CliRun.read(dir, "dvc.yaml")).contains("  train:\n    cmd: echo hi\n    outs:\n    - model.pkl\n");
  }

  @Test
  void stageAddRefusesOverlappingOutputs() throws Exception {
    addDemo();
    CliRun r = CliRun.in(dir, "stage", "add", "-n", "dup", "-o", "model.pkl", "echo hi");
    assertThat(r.code()).isEqualTo(2);
    assertThat(CliRun.read(dir, "dvc.yaml")).doesNotContain("dup:");
  }

  @Test
  void stageListShowsNamesDescriptionsAndResolvedJson() throws Exception {
    addDemo();
    assertThat(CliRun.in(dir, "stage", "list").out()).isEqualTo("""
        process   Outputs data/processed
        train     Outputs model.pkl
        evaluate  Score the model
        """);
    assertThat(CliRun.in(dir, "stage", "list", "--name-only").out()).isEqualTo("process\ntrain\nevaluate\n");
    String json = CliRun.in(dir, "stage", "list", "--json").out();
    assertThat(json).startsWith("[{\"name\": \"process\", \"file\": \"dvc.yaml\", \"cmd\": \"python src/process.py\","
        + " \"wdir\": \".\", \"deps\": [\"data/raw.csv\", \"src/process.py\"], \"params\": {\"params.yaml\": [\"process\"]},"
        + " \"outs\": [{\"path\": \"data/processed\", \"type\": \"outs\", \"cache\": true, \"persist\": false,"
        + " \"push\": true}], \"frozen\": false, \"always_changed\": false}");
    assertThat(json).contains("{\"path\": \"metrics.json\", \"type\": \"metrics\", \"cache\": false");
  }

  @Test
  void stageListJsonResolvesForeach() throws Exception {
    CliRun.write(dir, "dvc.yaml", """
        stages:
          build:
            foreach: [uk, us]
            do:
              cmd: echo ${item} > ${item}.txt
              outs:
              - ${item}.txt
        """);
    assertThat(CliRun.in(dir, "stage", "list", "--name-only").out()).isEqualTo("build@uk\nbuild@us\n");
    assertThat(CliRun.in(dir, "stage", "list", "--json").out())
        .contains("\"name\": \"build@us\", \"file\": \"dvc.yaml\", \"cmd\": \"echo us > us.txt\"");
  }

  @Test
  void dagRendersTextMermaidAndDot() throws Exception {
    addDemo();
    // DVC's drawing of boxes and edges (issue 18): a stage two others use is drawn once
    assertThat(CliRun.in(dir, "dag").out()).isEqualTo("""
            +---------+
            | process |
            +---------+
               *  *
               *   *
              *     *
        +-------+   *
        | train |    *
        +-------+    *
              *     *
               **   *
                 *  *
             +----------+
             | evaluate |
             +----------+
        """);
    assertThat(CliRun.in(dir, "dag", "--mermaid").out()).isEqualTo("flowchart TD\n\tnode1[\"evaluate\"]\n"
        + "\tnode2[\"process\"]\n\tnode3[\"train\"]\n\tnode2-->node1\n\tnode2-->node3\n\tnode3-->node1\n");
    assertThat(CliRun.in(dir, "dag", "--dot").out()).isEqualTo("strict digraph  {\n\"process\";\n\"train\";\n"
        + "\"evaluate\";\n\"process\" -> \"train\";\n\"process\" -> \"evaluate\";\n\"train\" -> \"evaluate\";\n}\n");
    assertThat(CliRun.in(dir, "dag", "train").out()).isEqualTo("""
        +---------+
        | process |
        +---------+
             *
             *
             *
         +-------+
         | train |
         +-------+
        """);
  }
}
