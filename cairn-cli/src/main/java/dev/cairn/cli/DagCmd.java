package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.CwdPaths;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.DagRenderer;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.Stage;
import dev.cairn.repro.PipelineIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dag", description = {
    "Show the graph of the pipelines, as DVC draws it: every stage of the dvc.yaml files and every .dvc file as a box, each dependency above the stages that use it. --mermaid, --md and --dot print it for other tools; --outs shows outputs instead of stages."})
final class DagCmd extends BaseCommand {
  @Parameters(arity = "0..1", paramLabel = "<target>",
      description = "A stage (name, dvc.yaml:name, a .dvc file) or an output: show it and the stages upstream of it.")
  String target;

  @Option(names = "--mermaid", description = "Print a Mermaid flowchart.")
  boolean mermaid;

  @Option(names = "--md", description = "Print the Mermaid flowchart in a Markdown code block.")
  boolean md;

  @Option(names = "--dot", description = "Print Graphviz DOT.")
  boolean dot;

  @Option(names = "--full", description = "With a target: the whole pipeline it belongs to, not only what is upstream of it.")
  boolean full;

  @Option(names = {"-o", "--outs"}, description = "Show the outputs and how they depend on each other instead of the stages.")
  boolean outs;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      PipelineIndex index = PipelineIndex.load(cairn.repo());
      Dag dag = index.fullDag();
      Path root = cairn.repo().root();
      String at = relDir(root, workDir());
      DagRenderer.Graph graph = outs ? DagRenderer.outputs(dag, p -> CwdPaths.relative(p, at))
          : DagRenderer.stages(dag, s -> CwdPaths.address(s, at));
      if (target != null) {
        graph = graph.around(targets(index, dag, root, at), full);
      }
      String text = dot ? DagRenderer.dot(graph) : (mermaid || md) ? DagRenderer.mermaid(graph, md) + "\n"
          : DagRenderer.text(graph);
      out().print(text);
      out().flush();
    }
    return 0;
  }

  /** The labels the target names: its stage (or, with --outs, that stage's outputs), or the output it is. */
  private List<String> targets(PipelineIndex index, Dag dag, Path root, String at) throws CairnException {
    String path = relDir(root, resolve(target));
    for (Stage s : dag.stages()) {
      for (Out o : s.outs()) {
        if (s.repoPath(o.path()).equals(path)) {
          return List.of(outs ? CwdPaths.relative(path, at) : CwdPaths.address(s, at));
        }
      }
    }
    List<String> found = new ArrayList<>();
    for (String a : index.resolveTargets(List.of(target), workDir())) {
      Stage s = dag.stage(a);
      if (!outs) {
        found.add(CwdPaths.address(s, at));
      } else {
        s.outs().forEach(o -> found.add(CwdPaths.relative(s.repoPath(o.path()), at)));
      }
    }
    return found;
  }

  private static String relDir(Path root, Path p) {
    Path r = root.toAbsolutePath().normalize();
    Path c = p.toAbsolutePath().normalize();
    return c.startsWith(r) ? r.relativize(c).toString().replace('\\', '/') : "";
  }
}
