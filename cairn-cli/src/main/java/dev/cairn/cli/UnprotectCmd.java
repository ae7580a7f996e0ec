package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.UnprotectCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn unprotect}: DVC's command of that name. */
@Command(name = "unprotect", description = {
    "Make tracked files or directories editable in place. With cache.type hardlink or symlink the workspace"
        + " holds read-only links into the cache; unprotect replaces each file of the named outputs with a"
        + " private, writable copy (the cache is untouched). With copies (the default) it changes nothing."
        + " After editing, 'cairn add' or 'cairn commit' records the new content."})
final class UnprotectCmd extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "<target>", description = "Tracked outputs or their .dvc files.")
  List<String> targets = new ArrayList<>();

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      UnprotectCommand cmd = cairn.unprotect();
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      cmd.call();
    }
    return 0;
  }
}
