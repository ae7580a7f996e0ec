package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.DagRenderer;
import dev.cairn.pipeline.Stage;
import dev.cairn.repro.PipelineIndex;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dag", description = "Show the stage graph of the pipelines: as text, Mermaid or Graphviz DOT.")
final class DagCmd extends BaseCommand {
  @Parameters(arity = "0..1", paramLabel = "<target>", description = "Show only this stage and its upstream stages.")
  String target;

  @Option(names = "--mermaid", description = "Print a Mermaid flowchart.")
  boolean mermaid;

  @Option(names = "--md", description = "Print the Mermaid flowchart in a Markdown code block.")
  boolean md;

  @Option(names = "--dot", description = "Print Graphviz DOT.")
  boolean dot;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      PipelineIndex index = PipelineIndex.load(cairn.repo());
      Dag dag = index.dag();
      if (target != null) {
        List<String> t = index.resolveTargets(List.of(target), workDir());
        List<Stage> sub = new ArrayList<>(dag.plan(t, Dag.Scope.UPSTREAM));
        dag = Dag.ofStages(sub);
      }
      String text = dot ? DagRenderer.dot(dag) : (mermaid || md) ? DagRenderer.mermaid(dag, md) + "\n"
          : DagRenderer.text(dag);
      out().print(text);
      out().flush();
    }
    return 0;
  }
}
