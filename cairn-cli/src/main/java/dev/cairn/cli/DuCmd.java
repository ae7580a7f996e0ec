package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.DuCommand;
import dev.cairn.format.PyJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn du}: DVC's {@code du} for a repository on this machine. */
@Command(name = "du", description = {
    "Show disk usage of a repository's files as DVC sees them: the files in Git (or the workspace) and the"
        + " DVC-tracked outputs, counted with their recorded size even when their data is not here; DVC's own"
        + " files (*.dvc, dvc.yaml, .dvcignore) and .dvcignored paths are left out. For a directory, each entry's"
        + " total and then the directory's; sizes as DVC prints them (bytes below 1024, then 1.46k, 2.00M …).",
    "<url> is the repository: a directory on this machine ('.' for this one)."})
final class DuCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location of the repository ('.' for the current one).")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<path>", description = "Path of a directory or file inside"
      + " the repository (default: its root).")
  String path = "";

  @Option(names = "--rev", paramLabel = "<commit>", description = "Git revision (SHA, branch, tag) to read instead of"
      + " the workspace.")
  String rev;

  @Option(names = {"-s", "--summarize"}, description = "Show the total only.")
  boolean summarize;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    Path dir = resolve(url);
    if (!Files.isDirectory(dir)) {
      throw new ExitException(ExitCodes.USAGE, "cairn: du reads a repository on this machine, and '" + url
          + "' is not a directory");
    }
    List<DuCommand.Usage> rows;
    try (Cairn cairn = Cairn.open(dir, env())) {
      rows = cairn.du().setPath(path).setRev(rev).setSummarize(summarize).call();
    }
    if (json.json) {
      List<Object> l = new ArrayList<>();
      for (DuCommand.Usage u : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", u.path());
        m.put("size", u.size());
        l.add(m);
      }
      out().println(PyJson.dumpsUnsorted(l));
      return 0;
    }
    int w = 0;
    for (DuCommand.Usage u : rows) {
      w = Math.max(w, naturalSize(u.size()).length());
    }
    for (DuCommand.Usage u : rows) {
      String s = naturalSize(u.size());
      out().println((s + " ".repeat(w - s.length()) + "  " + u.path()).stripTrailing());
    }
    return 0;
  }

  /** DVC's {@code naturalsize}: bytes below 1024, else tqdm's {@code format_sizeof} with divisor 1024. */
  static String naturalSize(long bytes) {
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    double num = bytes;
    for (String unit : List.of("", "k", "M", "G", "T", "P", "E", "Z")) {
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
    return String.format(java.util.Locale.ROOT, "%3.1fY", num);
  }
}
