package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.DiffCommand;
import dev.cairn.format.PyJson;
import dev.cairn.metrics.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn diff}: DVC's {@code diff}, same arguments and output shapes. */
@Command(name = "diff", description = {
    "Show added, modified, deleted and renamed data between commits, or between a commit and the workspace:"
        + " every cached output of .dvc files and stages, and the files inside tracked directories (read from"
        + " their manifests in the cache). A directory's path ends with '/'. Against the workspace it also lists"
        + " what is recorded in the old commit but missing from the cache ('not in cache').",
    "The same tables as DVC's diff: grouped lists and a files summary, --md for a Markdown table, --json for"
        + " {\"added\": [{\"path\": …}], \"deleted\": …, \"modified\": …, \"renamed\": [{\"path\": {\"old\", \"new\"}}],"
        + " \"not in cache\": …} (with \"hash\" fields under --show-hash)."})
final class DiffCmd extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<a_rev>", description = "Old Git commit to compare (default HEAD).")
  String aRev = "HEAD";

  @Parameters(index = "1", arity = "0..1", paramLabel = "<b_rev>", description = "New Git commit to compare (default: the"
      + " workspace).")
  String bRev;

  @Option(names = "--targets", arity = "0..*", paramLabel = "<path>", description = "Only these outputs, files inside"
      + " tracked directories or .dvc files.")
  List<String> targets = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON (DVC's shape).")
  boolean json;

  @Option(names = "--md", description = "Print a Markdown table (GitHub-flavoured).")
  boolean md;

  @Option(names = "--show-hash", description = "Show each entry's hash (the first 8 characters; old..new when modified).")
  boolean showHash;

  @Option(names = "--hide-missing", description = "Leave out the 'not in cache' entries.")
  boolean hideMissing;

  @Override
  int doCall() throws Exception {
    DiffCommand.DiffResult r;
    try (Cairn cairn = open()) {
      DiffCommand cmd = cairn.diff().setOld(aRev).setNew(bRev);
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      r = cmd.setProgressMonitor(monitor()).call();
    }
    Map<String, List<DiffCommand.Item>> changes = new LinkedHashMap<>(r.changes());
    boolean hide = bRev != null || hideMissing;
    if (hide) {
      changes.remove("not in cache");
    }
    DiffCommand.DiffResult shown = new DiffCommand.DiffResult(changes);
    if (json) {
      out().println(PyJson.dumpsUnsorted(shown.toJson(showHash)));
    } else if (md) {
      out().print(markdown(changes, hide));
    } else if (!changes.isEmpty()) {
      out().print(text(changes, hide));
    }
    return 0;
  }

  private static List<String> states(boolean hide) {
    List<String> s = new ArrayList<>(List.of("added", "deleted", "renamed", "modified"));
    if (!hide) {
      s.add("not in cache");
    }
    return s;
  }

  private String shownPath(DiffCommand.Item i) {
    return i.oldPath() != null ? i.oldPath() + " -> " + i.path() : i.path();
  }

  private String digest(String state, DiffCommand.Item i) {
    if (state.equals("modified")) {
      return head(i.oldHash()) + ".." + head(i.newHash());
    }
    return head(state.equals("added") ? i.newHash() : i.oldHash());
  }

  private static String head(String h) {
    return h == null ? "None" : h.substring(0, Math.min(8, h.length()));
  }

  /** DVC's {@code _show_diff}: a block per state, then {@code files summary:}. */
  private String text(Map<String, List<DiffCommand.Item>> changes, boolean hide) {
    StringBuilder sb = new StringBuilder();
    Map<String, Integer> summary = new LinkedHashMap<>();
    for (String state : states(hide)) {
      summary.put(state, 0);
      List<DiffCommand.Item> items = changes.getOrDefault(state, List.of());
      if (items.isEmpty()) {
        continue;
      }
      sb.append(Character.toUpperCase(state.charAt(0))).append(state.substring(1)).append(":\n");
      for (DiffCommand.Item i : items) {
        String path = shownPath(i);
        if (!path.endsWith("/")) {
          summary.merge(state, 1, Integer::sum);
        }
        sb.append("    ").append(showHash ? digest(state, i) + "  " : "").append(path).append('\n');
      }
      sb.append('\n');
    }
    List<String> parts = new ArrayList<>();
    summary.forEach((state, n) -> {
      if (n > 0) {
        parts.add(n + " " + state);
      }
    });
    if (!parts.isEmpty()) {
      sb.append("files summary: ").append(String.join(", ", parts)).append('\n');
    }
    return sb.toString();
  }

  /** DVC's {@code _show_markdown}: Status, (Hash,) Path rows. */
  private String markdown(Map<String, List<DiffCommand.Item>> changes, boolean hide) {
    List<String> headers = showHash ? List.of("Status", "Hash", "Path") : List.of("Status", "Path");
    List<List<String>> rows = new ArrayList<>();
    for (String state : states(hide)) {
      for (DiffCommand.Item i : changes.getOrDefault(state, List.of())) {
        rows.add(showHash ? List.of(state, digest(state, i), shownPath(i)) : List.of(state, shownPath(i)));
      }
    }
    return new TextTable(headers, rows).markdown();
  }
}
