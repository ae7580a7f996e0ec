package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ListCommand;
import dev.cairn.format.PyJson;
import dev.cairn.registry.SourceTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", description = {
    "List repository contents, including files and directories tracked by DVC and by Git, as 'dvc list' prints them. No repository is needed here.",
    "Only the .dir manifests of DVC-tracked directories being listed are downloaded."})
final class ListCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location of the DVC or Git repository to list: a path, https://, ssh:// or git@host:path.")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<path>", description = "Path to a directory (or file) within the repository to list.")
  String path;

  @Option(names = {"-R", "--recursive"}, description = "Recursively list files.")
  boolean recursive;

  @Option(names = "--dvc-only", description = "Show only DVC outputs.")
  boolean dvcOnly;

  @Option(names = "--json", description = "Show output in JSON format.")
  boolean json;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Git revision (branch, tag or commit).")
  String rev;

  @Option(names = "--size", description = "Show sizes.")
  boolean size;

  @Option(names = "--show-hash", description = "Display the hash value of each item.")
  boolean showHash;

  @Option(names = "--config", paramLabel = "<file>", description = "Path to a config file merged over the source repository's configuration.")
  String config;

  @Option(names = "--remote", paramLabel = "<name>", description = "Remote of the source repository to read manifests from, instead of its default.")
  String remote;

  @Override
  int doCall() throws Exception {
    ListCommand cmd = Cairn.list(url, env()).setPath(path).setBaseDir(workDir()).setRev(rev).setRecursive(recursive)
        .setDvcOnly(dvcOnly).setRemote(remote).setGitAccess(CliGitAccess.of(env()));
    if (config != null) {
      cmd.setConfig(resolve(config));
    }
    ListCommand.ListResult r = cmd.setProgressMonitor(monitor()).call();
    if (json) {
      List<Object> rows = new ArrayList<>();
      for (SourceTree.Entry e : r.entries()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("isout", e.isOut());
        m.put("isdir", e.isDir());
        m.put("isexec", e.isExec());
        m.put("size", e.size());
        m.put("md5", e.md5());
        m.put("path", e.path());
        rows.add(m);
      }
      out().println(PyJson.dumpsUnsorted(rows));
      return 0;
    }
    print(r.entries(), size, showHash);
    return 0;
  }

  /** DVC's {@code show_entries}: names one per line, or a plain table with the size right-aligned and the hash. */
  void print(List<SourceTree.Entry> entries, boolean withSize, boolean withHash) {
    if (entries.isEmpty()) {
      return;
    }
    if (!withSize && !withHash) {
      for (SourceTree.Entry e : entries) {
        out().println(e.path());
      }
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (SourceTree.Entry e : entries) {
      List<String> row = new ArrayList<>();
      if (withSize) {
        Long s = e.size();
        row.add(s == null || (s <= 0 && e.isDir()) ? "" : naturalSize(s));
      }
      if (withHash) {
        row.add(e.md5() == null ? "" : e.md5());
      }
      row.add(e.path());
      rows.add(row);
    }
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], row.get(c).codePointCount(0, row.get(c).length()));
      }
    }
    for (List<String> row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        String cell = row.get(c);
        String pad = " ".repeat(width[c] - cell.codePointCount(0, cell.length()));
        if (c > 0) {
          sb.append("  ");
        }
        sb.append(c == 0 && withSize ? pad + cell : cell + pad);
      }
      out().println(sb);
    }
  }

  /** DVC's {@code naturalsize}: bytes below 1024 as an integer, else tqdm's {@code format_sizeof} with base 1024. */
  static String naturalSize(long value) {
    if (value < 1024) {
      return Long.toString(value);
    }
    double num = value;
    for (String unit : new String[] {"", "k", "M", "G", "T", "P", "E", "Z"}) {
      if (Math.abs(num) < 999.5) {
        if (Math.abs(num) < 99.95) {
          if (Math.abs(num) < 9.995) {
            return String.format(java.util.Locale.ROOT, "%1.2f", num) + unit;
          }
          return String.format(java.util.Locale.ROOT, "%2.1f", num) + unit;
        }
        return String.format(java.util.Locale.ROOT, "%3.0f", num) + unit;
      }
      num /= 1024;
    }
    return String.format(java.util.Locale.ROOT, "%3.1f", num) + "Y";
  }
}
