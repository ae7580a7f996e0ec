package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.StatusCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {
    "Show tracked outputs whose workspace content differs from what .dvc files and dvc.lock record.",
    "Unchanged files are recognised by their stat (state cache) and never read."})
final class StatusCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Limit to these outputs or .dvc files.")
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

  @SuppressWarnings("unchecked")
  private void print(Map<String, List<Object>> changes) {
    if (changes.isEmpty()) {
      out().println("Data and pipelines are up to date.");
      return;
    }
    for (Map.Entry<String, List<Object>> e : changes.entrySet()) {
      out().println(e.getKey() + ":");
      for (Object group : e.getValue()) {
        if (group instanceof Map<?, ?> g) {
          for (Map.Entry<?, ?> ge : g.entrySet()) {
            out().println("\t" + ge.getKey() + ":");
            for (Map.Entry<String, Object> item : ((Map<String, Object>) ge.getValue()).entrySet()) {
              if (item.getValue() instanceof Map<?, ?> sub) {
                for (Map.Entry<?, ?> s : sub.entrySet()) {
                  out().println("\t\t" + pad(s.getValue() + ":") + item.getKey() + " (" + s.getKey() + ")");
                }
              } else {
                out().println("\t\t" + pad(item.getValue() + ":") + item.getKey());
              }
            }
          }
        } else {
          out().println("\t" + group);
        }
      }
    }
  }

  private static String pad(String s) {
    return s.length() >= 20 ? s + " " : s + " ".repeat(20 - s.length());
  }
}
