package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpShowCommand;
import dev.cairn.exp.ExpCollector;
import dev.cairn.exp.ExpShowResult;
import dev.cairn.exp.ExpTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Print the workspace, the baseline commit and its experiments with metrics,"
    + " params and dependency hashes; queued and failed experiments too, with their State.")
final class ExpShowCmd extends BaseCommand {
  enum Order { asc, desc }

  @Option(names = "--json", description = "Print JSON (DVC's exp show --json list of states).")
  boolean json;

  @Option(names = "--md", description = "Print a Markdown table.")
  boolean md;

  @Option(names = "--csv", description = "Print CSV (separate rev/typ/parent columns, ISO times).")
  boolean csv;

  @Option(names = "--sort-by", paramLabel = "<name>", description = "Sort experiments by this metric or param"
      + " (file:name when ambiguous).")
  String sortBy;

  @Option(names = "--sort-order", paramLabel = "asc|desc", description = "Sort order (default asc).")
  Order sortOrder = Order.asc;

  @Option(names = "--only-changed", description = "Only the metric, param and dependency columns that differ.")
  boolean onlyChanged;

  @Option(names = "--precision", paramLabel = "<n>", description = "Significant digits for floats (default 5).")
  Integer precision;

  @Option(names = {"-n", "--num"}, paramLabel = "<n>", description =
      "Show the last n commits from HEAD (or each --rev).")
  int num = 1;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Baseline revision(s) instead of HEAD.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-a", "--all-branches"}, description = "Experiments of every branch tip.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Experiments of every tag.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Experiments of every commit.")
  boolean allCommits;

  @Option(names = "--drop", paramLabel = "<regex>", description = "Remove the columns whose header matches this"
      + " regular expression (from its start); repeatable.")
  List<String> drop = new ArrayList<>();

  @Option(names = "--keep", paramLabel = "<regex>", description = "Keep the columns whose header matches this regular"
      + " expression even when --only-changed would drop them; repeatable.")
  List<String> keep = new ArrayList<>();

  @Option(names = "--sha", description = "Name baselines by their commit SHA, not by branch or tag.")
  boolean sha;

  @Option(names = "--hide-workspace", description = "Leave out the workspace row.")
  boolean hideWorkspace;

  @Option(names = "--hide-queued", description = "Leave out queued experiments (shown with State Queued).")
  boolean hideQueued;

  @Option(names = "--hide-failed", description = "Leave out failed experiments (shown with State Failed).")
  boolean hideFailed;

  @Override
  int doCall() throws Exception {
    if (num < 1) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --num must be at least 1, got " + num);
    }
    try (Cairn c = open()) {
      ExpShowCommand cmd = c.expShow().setNum(num)
          .setAllBranches(allBranches).setAllTags(allTags).setAllCommits(allCommits)
          .setDisplay(new ExpCollector.Display(hideWorkspace, sha, hideQueued, hideFailed));
      revs.forEach(cmd::addRevision);
      ExpShowResult r = cmd.call();
      if (json) {
        out().print(r.json(false));
        return 0;
      }
      var options = new ExpTable.Options(csv, precision == null || precision == 0 ? null : precision,
          sortBy, sortOrder == Order.desc, onlyChanged, LocalDate.now(), keep, drop);
      if (md || csv) {
        var table = ExpTable.build(r, options);
        out().print(md ? table.markdown() : table.csv());
      } else {
        out().print(ExpTable.text(r, options));
      }
    }
    return 0;
  }
}
