package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.StatusCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {
    "Show tracked outputs and pipeline stages whose workspace content, params or command differ",
    "from what .dvc files and dvc.lock record.",
    "Unchanged files are recognised by their stat (state cache) and never read."})
final class StatusCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Limit to these outputs, .dvc files, stages or dvc.yaml files.")
  List<String> targets = List.of();

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      StatusCommand cmd = cairn.status();
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      StatusCommand.StatusResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        out().println(Json.of(r.changes()));
      } else {
        print(r.changes());
      }
      if (root().verbose) {
        err().println("status: " + r.hashedBytes() + " bytes hashed, " + r.stateHits() + " state-cache hits");
      }
    }
    return 0;
  }

  private void print(Map<String, List<Object>> changes) {
    if (changes.isEmpty()) {
      out().println("Data and pipelines are up to date.");
      return;
    }
    show(changes, 0);
  }

  /** DVC's {@code CmdDataStatus._show}: one tab per level, {@code <status>:} padded to 20 columns. */
  private void show(Object status, int indent) {
    String ind = "\t".repeat(indent);
    if (status instanceof String s) {
      out().println(ind + s);
    } else if (status instanceof List<?> l) {
      for (Object o : l) {
        show(o, indent);
      }
    } else if (status instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() instanceof String v) {
          out().println(ind + pad(v + ":") + e.getKey());
        } else if (!(e.getValue() instanceof Map<?, ?> vm && vm.isEmpty())
            && !(e.getValue() instanceof List<?> vl && vl.isEmpty())) {
          out().println(ind + e.getKey() + ":");
          show(e.getValue(), indent + 1);
        }
      }
    }
  }

  private static String pad(String s) {
    return s.length() >= 20 ? s + " " : s + " ".repeat(20 - s.length());
  }
}
