package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.DataStatusCommand;
import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn data status}: DVC's {@code data status}. */
@Command(name = "data", description = "Commands about data: 'data status'.", subcommands = DataCmd.Status.class)
final class DataCmd extends GroupCommand {
  @Command(name = "status", description = {
      "Show changes between the last Git commit, the hashes recorded in .dvc files and dvc.lock, and the workspace,"
          + " as DVC's data status does: 'DVC committed changes' (recorded hashes that differ from HEAD: commit the"
          + " DVC files), 'DVC uncommitted changes' (workspace data that differs from the recorded hashes: cairn"
          + " commit or cairn checkout), 'Not in cache' (recorded objects the cache lacks: cairn fetch), and with"
          + " flags the unchanged and the Git-untracked files. Directories are compared as a whole unless"
          + " --granular."})
  static final class Status extends BaseCommand {
    private static final Map<String, String> LABELS = Map.of(
        "not_in_cache", "Not in cache",
        "committed", "DVC committed changes",
        "uncommitted", "DVC uncommitted changes",
        "untracked", "Untracked files",
        "unchanged", "DVC unchanged files");
    private static final Map<String, List<String>> HINTS = Map.of(
        "not_in_cache", List.of("use \"cairn fetch <file>...\" to download files"),
        "committed", List.of("git commit the corresponding dvc files to update the repo"),
        "uncommitted", List.of("use \"cairn commit <file>...\" to track changes",
            "use \"cairn checkout <file>...\" to discard changes"),
        "untracked", List.of("use \"git add <file> ...\" or \"cairn add <file>...\" to commit to git or to dvc"));

    @Parameters(arity = "0..*", paramLabel = "<target>", description = "Limit to these tracked files or directories"
        + " (or paths inside tracked directories).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON (DVC's shape).")
    boolean json;

    @Option(names = "--granular", description = "Show the files inside tracked directories one by one.")
    boolean granular;

    @Option(names = "--unchanged", description = "Also show unchanged tracked files.")
    boolean unchanged;

    @Option(names = "--untracked-files", arity = "0..1", fallbackValue = "all", paramLabel = "no|all",
        description = "Also show files Git does not track (all); 'no' (the default) hides them.")
    String untrackedFiles = "no";

    @Override
    int doCall() throws Exception {
      if (!untrackedFiles.equals("no") && !untrackedFiles.equals("all")) {
        throw new ExitException(ExitCodes.USAGE, "cairn: --untracked-files takes 'no' or 'all', got '"
            + untrackedFiles + "'");
      }
      boolean withUntracked = untrackedFiles.equals("all");
      DataStatusCommand.DataStatus s;
      try (Cairn cairn = open()) {
        DataStatusCommand cmd = cairn.dataStatus().setGranular(granular).setUntracked(withUntracked);
        for (String t : targets) {
          cmd.addTarget(resolve(t));
        }
        s = cmd.setProgressMonitor(monitor()).call();
      }
      if (json) {
        out().println(PyJson.dumpsUnsorted(s.toJson(unchanged, withUntracked)));
        return 0;
      }
      Map<String, Object> parts = new LinkedHashMap<>(s.toJson(unchanged, withUntracked));
      if (parts.isEmpty()) {
        out().println(s.gitEmpty() ? "No changes in an empty git repo." : "No changes.");
      }
      boolean first = true;
      for (Map.Entry<String, Object> e : parts.entrySet()) {
        if (!first) {
          out().println();
        }
        first = false;
        out().println(LABELS.get(e.getKey()) + ":");
        for (String hint : HINTS.getOrDefault(e.getKey(), List.of())) {
          out().println("  (" + hint + ")");
        }
        List<String> items = new ArrayList<>();
        if (e.getValue() instanceof Map<?, ?> m) {
          m.forEach((state, changes) -> {
            for (Object c : (List<?>) changes) {
              items.add(state + ": " + (c instanceof Map<?, ?> r ? r.get("old") + " -> " + r.get("new") : c));
            }
          });
        } else {
          ((List<?>) e.getValue()).forEach(x -> items.add(String.valueOf(x)));
        }
        for (String item : items) {
          out().println("        " + item);
        }
      }
      if (s.gitDirty()) {
        out().println("(there are " + (parts.isEmpty() ? "" : "other ") + "changes not tracked by dvc, use \"git"
            + " status\" to see)");
      }
      return 0;
    }
  }
}
