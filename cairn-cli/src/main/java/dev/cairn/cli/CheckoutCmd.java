package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.CheckoutCommand;
import dev.cairn.format.PyJson;
import dev.cairn.workspace.Checkouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "checkout", description = {
    "Make tracked outputs match their recorded versions, from the cache (linked per cache.type).",
    "Refuses to overwrite or delete content that is not in the cache unless --force."})
final class CheckoutCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Outputs or .dvc files (default: all).")
  List<String> targets = List.of();

  @Option(names = {"-f", "--force"}, description = "Discard workspace changes that are not in the cache.")
  boolean force;

  @Option(names = "--relink", description = "Recreate links or copies even where content already matches.")
  boolean relink;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      CheckoutCommand cmd = cairn.checkout().setForce(force).setRelink(relink);
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      Checkouter.Changes c = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", c.added());
        m.put("deleted", c.deleted());
        m.put("modified", c.modified());
        out().println(PyJson.dumpsUnsorted(m));
      } else {
        c.added().forEach(p -> out().println("A\t" + p));
        c.modified().forEach(p -> out().println("M\t" + p));
        c.deleted().forEach(p -> out().println("D\t" + p));
      }
    }
    return 0;
  }
}
