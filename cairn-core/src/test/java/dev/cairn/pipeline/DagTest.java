package dev.cairn.pipeline;

import static dev.cairn.pipeline.Fixtures.parse;
import static dev.cairn.pipeline.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DagTest {
  @TempDir
  Path root;

  static List<String> names(List<Stage> stages) {
    return stages.stream().map(Stage::address).toList();
  }

  static final String DIAMOND = """
      stages:
        report:
          cmd: report
          deps: [metrics/a.json, metrics/b.json]
          outs: [report.md]
        a:
          cmd: a
          deps: [data/prepared/a]
          outs: [metrics/a.json]
        b:
          cmd: b
          deps: [data/prepared]
          outs: [metrics/b.json]
        prepare:
          cmd: prepare
          deps: [data/raw]
          outs: [data/prepared]
        lonely:
          cmd: lonely
          outs: [other]
      """;

  @Test
  void demoEdgesAndPlan() throws Exception {
    Dag dag = Dag.of(List.of(Fixtures.demo(root)));
    assertThat(dag.edges()).containsExactly(Map.entry("process", "train"), Map.entry("process", "evaluate"),
        Map.entry("train", "evaluate"));
    assertThat(names(dag.plan(List.of(), Dag.Scope.UPSTREAM))).containsExactly("process", "train", "evaluate");
    assertThat(names(dag.plan(List.of("train"), Dag.Scope.UPSTREAM))).containsExactly("process", "train");
    assertThat(names(dag.plan(List.of("train"), Dag.Scope.SINGLE))).containsExactly("train");
    assertThat(names(dag.plan(List.of("train"), Dag.Scope.DOWNSTREAM))).containsExactly("train", "evaluate");
    assertThat(names(dag.plan(List.of("evaluate"), Dag.Scope.ALL))).containsExactly("process", "train", "evaluate");
  }

  @Test
  void overlapByDirectoryAndPostOrder() throws Exception {
    Dag dag = Dag.of(List.of(parse(root, DIAMOND)));
    assertThat(dag.upstreamOf("a")).containsExactly("prepare");
    assertThat(dag.upstreamOf("report")).containsExactly("a", "b");
    assertThat(names(dag.plan(List.of(), Dag.Scope.UPSTREAM)))
        .containsExactly("prepare", "a", "b", "report", "lonely");
    assertThat(names(dag.plan(List.of("prepare"), Dag.Scope.DOWNSTREAM))).containsExactly("prepare", "a", "b", "report");
    assertThat(names(dag.plan(List.of("a"), Dag.Scope.PIPELINE))).containsExactly("prepare", "a", "b", "report");
    assertThat(names(dag.plan(List.of("lonely", "report"), Dag.Scope.UPSTREAM)))
        .containsExactly("prepare", "a", "b", "report", "lonely");
    assertThat(dag.pipelines()).containsExactly(List.of("report", "a", "b", "prepare"), List.of("lonely"));
    assertThatThrownBy(() -> dag.plan(List.of("nope"), Dag.Scope.UPSTREAM))
        .hasMessageStartingWith("Stage 'nope' not found");
  }

  @Test
  void frozenStagesCutUpstreamEdges() throws Exception {
    Dag dag = Dag.of(List.of(parse(root, DIAMOND.replace("cmd: b\n", "cmd: b\n    frozen: true\n"))));
    assertThat(dag.upstreamOf("b")).containsExactly("prepare");
    assertThat(names(dag.plan(List.of("b"), Dag.Scope.UPSTREAM))).containsExactly("b");
    assertThat(names(dag.plan(List.of("report"), Dag.Scope.UPSTREAM))).containsExactly("prepare", "a", "b", "report");
    assertThat(names(dag.plan(List.of("prepare"), Dag.Scope.DOWNSTREAM))).containsExactly("prepare", "a", "report");
  }

  @Test
  void pathsAreNormalisedThroughWdirAndSubdirectories() throws Exception {
    write(root, "sub/dvc.yaml", """
        stages:
          use:
            cmd: use
            wdir: ..
            deps: [./data/out.txt]
        """);
    Pipeline top = parse(root, """
        stages:
          make:
            cmd: make
            wdir: gen
            outs: [../data]
        """);
    Pipeline sub = PipelineParser.load(root, root.resolve("sub/dvc.yaml"), ParsingOptions.DEFAULTS);
    Dag dag = Dag.of(List.of(top, sub));
    assertThat(dag.upstreamOf("sub/dvc.yaml:use")).containsExactly("make");
  }

  @Test
  void cycleIsRefusedNamingStagesAndPaths() throws Exception {
    Pipeline p = parse(root, """
        stages:
          a:
            cmd: a
            deps: [y]
            outs: [x]
          b:
            cmd: b
            deps: [x/part]
            outs: [y]
        """);
    assertThatThrownBy(() -> Dag.of(List.of(p))).isInstanceOf(PipelineException.class)
        .hasMessage("Pipeline has a cycle: 'a' depends on 'b' through 'y', 'b' depends on 'a' through 'x/part'");
    Pipeline self = parse(root, "stages:\n  s:\n    cmd: s\n    deps: [d]\n    outs: [d]\n");
    assertThatThrownBy(() -> Dag.of(List.of(self))).hasMessage("Stage 's' depends on its own output 'd' (cycle)");
  }

  @Test
  void duplicateAndOverlappingOutputs() throws Exception {
    Pipeline dup = parse(root, "stages:\n  a:\n    cmd: a\n    outs: [m.pkl]\n  b:\n    cmd: b\n    wdir: .\n"
        + "    metrics: [./m.pkl]\n");
    assertThatThrownBy(() -> Dag.of(List.of(dup))).isInstanceOf(PipelineException.class)
        .hasMessage("Output 'm.pkl' is specified in stages 'a' and 'b'");
    Pipeline overlap = parse(root, "stages:\n  a:\n    cmd: a\n    outs: [data]\n  b:\n    cmd: b\n"
        + "    outs: [data/sub/file]\n");
    assertThatThrownBy(() -> Dag.of(List.of(overlap)))
        .hasMessage("Paths for outs 'data' (stage 'a') and 'data/sub/file' (stage 'b') overlap: an output must not "
            + "be inside another");
  }

  @Test
  void rendering() throws Exception {
    Dag dag = Dag.of(List.of(parse(root, DIAMOND)));
    assertThat(DagRenderer.mermaid(dag, false)).isEqualTo("""
        flowchart TD
        \tnode1["a"]
        \tnode2["b"]
        \tnode3["prepare"]
        \tnode4["report"]
        \tnode1-->node4
        \tnode2-->node4
        \tnode3-->node1
        \tnode3-->node2
        \tnode5["lonely"]""");
    assertThat(DagRenderer.mermaid(dag, true)).startsWith("```mermaid\nflowchart TD\n").endsWith("\n```");
    assertThat(DagRenderer.dot(dag)).isEqualTo("""
        strict digraph  {
        "report";
        "a";
        "b";
        "prepare";
        "lonely";
        "a" -> "report";
        "b" -> "report";
        "prepare" -> "a";
        "prepare" -> "b";
        }
        """);
    // DVC's drawing (issue 18), no longer a tree that repeats shared stages
    assertThat(DagRenderer.text(dag)).isEqualTo("""
          +---------+
          | prepare |
          +---------+
             *   *
             *   *
            *     *
        +---+     +---+
        | a |     | b |
        +---+     +---+
            *     *
            *     *
             *   *
          +--------+
          | report |
          +--------+
        +--------+
        | lonely |
        +--------+
        """);
  }
}
