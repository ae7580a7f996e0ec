package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExplainCommand;
import dev.cairn.format.PyJson;
import dev.cairn.pipeline.Dag;
import dev.cairn.repro.Explainer;
import java.util.List;

/** {@code --explain} of {@code repro} and {@code status}: runs {@link ExplainCommand} and prints its text or JSON. */
final class ExplainPrinter {
  private ExplainPrinter() {}

  static int print(BaseCommand cmd, Cairn cairn, List<String> targets, Dag.Scope scope, boolean noRunCache,
      boolean json) throws Exception {
    ExplainCommand explain = cairn.explain().setScope(scope).setNoRunCache(noRunCache)
        .setWorkingDirectory(cmd.workDir());
    targets.forEach(explain::addTarget);
    List<Explainer.Explanation> why = explain.call();
    if (json) {
      cmd.out().println(PyJson.dumpsUnsorted(Explainer.toJson(why)));
    } else {
      cmd.out().print(Explainer.render(why));
    }
    return 0;
  }
}
