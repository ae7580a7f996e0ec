package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpListCommand;
import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn exp list} (alias {@code ls}): DVC's {@code exp list}. */
@Command(name = "list", aliases = "ls", description = {
    "List experiments by baseline commit, as DVC's exp list does: '<branch or short SHA>:' then one"
        + " '<sha7> [<name>]' line per experiment. Of HEAD by default; --rev and -n choose other baselines,"
        + " -A all of them. With <git_remote>, the experiments on that Git remote (names only)."})
final class ExpListCmd extends BaseCommand {
  @Parameters(arity = "0..1", paramLabel = "<git_remote>", description = "A Git remote name, URL or path: list its"
      + " experiments instead of local ones.")
  String gitRemote;

  @Option(names = {"-A", "--all-commits"}, description = "List all experiments (overrides --rev and --num).")
  boolean allCommits;

  @Option(names = "--rev", paramLabel = "<commit>", description = "List experiments derived from this baseline (HEAD"
      + " by default); repeatable.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-n", "--num"}, paramLabel = "<num>", description = "List experiments of the last <num> commits"
      + " (first parents) from each --rev; negative for all of them.")
  int num = 1;

  @ArgGroup(exclusive = true)
  Display display = new Display();

  static final class Display {
    @Option(names = {"--name-only", "--names-only"}, description = "Only experiment names.")
    boolean nameOnly;

    @Option(names = {"--sha-only", "--shas-only"}, description = "Only experiment commit SHAs.")
    boolean shaOnly;
  }

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    if (display.shaOnly && gitRemote != null) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --sha-only is not supported with <git_remote>");
    }
    ExpListCommand.ExpList list;
    try (Cairn c = open()) {
      ExpListCommand cmd = c.expList().setAllCommits(allCommits).setNum(num).setGitRemote(gitRemote);
      revs.forEach(cmd::addRevision);
      list = cmd.call();
    }
    if (json.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (ExpListCommand.Baseline b : list.baselines()) {
        List<Object> exps = new ArrayList<>();
        for (ExpListCommand.Exp e : b.experiments()) {
          Map<String, Object> x = new LinkedHashMap<>();
          x.put("name", e.name());
          x.put("rev", e.rev());
          exps.add(x);
        }
        m.put(b.baseline(), exps);
      }
      out().println(PyJson.dumpsUnsorted(m));
      return 0;
    }
    for (ExpListCommand.Baseline b : list.baselines()) {
      if (!display.nameOnly && !display.shaOnly) {
        out().println((b.label() != null ? b.label() : b.baseline().substring(0, 7)) + ":");
      }
      for (ExpListCommand.Exp e : b.experiments()) {
        if (display.nameOnly) {
          out().println(e.name());
        } else if (display.shaOnly) {
          out().println(e.rev());
        } else if (e.rev() != null) {
          out().println("\t" + e.rev().substring(0, 7) + " [" + e.name() + "]");
        } else {
          out().println("\t" + e.name());
        }
      }
    }
    return 0;
  }
}
