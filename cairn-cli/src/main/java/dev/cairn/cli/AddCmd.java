package dev.cairn.cli;

import dev.cairn.api.AddCommand;
import dev.cairn.api.Cairn;
import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = {
    "Track files or directories: store them in the cache and write <name>.dvc next to each, byte-identical to what 'dvc add' writes, and add them to .gitignore."})
final class AddCmd extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "<path>", description = "Files or directories to add.")
  List<String> paths;

  @Option(names = "--no-commit", description = "Write the .dvc files but do not store the data in the cache.")
  boolean noCommit;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      AddCommand cmd = cairn.add().setNoCommit(noCommit);
      for (String p : paths) {
        cmd.addPath(resolve(p));
      }
      AddCommand.AddResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        List<Object> rows = new ArrayList<>();
        for (AddCommand.Added a : r.added()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("path", a.path());
          m.put("dvc_file", a.dvcFile());
          m.put("md5", a.md5());
          m.put("size", a.size());
          if (a.md5().endsWith(".dir")) {
            m.put("nfiles", a.nfiles());
          }
          rows.add(m);
        }
        out().println(PyJson.dumpsUnsorted(rows));
      } else {
        for (AddCommand.Added a : r.added()) {
          info("Added " + a.path() + " (" + a.md5() + ")");
        }
        if (!r.added().isEmpty()) {
          StringBuilder files = new StringBuilder();
          for (AddCommand.Added a : r.added()) {
            files.append(' ').append(a.dvcFile());
          }
          info("To track the changes with git, run:\n\n\tgit add" + files + " .gitignore\n");
        }
      }
    }
    return 0;
  }
}
