package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.metrics.DiffResult;
import dev.cairn.metrics.MetricsFormat;
import dev.cairn.metrics.MetricsQueries;
import dev.cairn.metrics.RevisionResult;
import dev.cairn.metrics.TextTable;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.Revisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code metrics show|diff} and {@code params show|diff}, in DVC's output shapes. */
final class MetricsCmd {
  private MetricsCmd() {}

  /** Options shared by every table-printing command. */
  static final class TableOptions {
    @Option(names = "--json", description = "Print JSON (DVC's shape).")
    boolean json;

    @Option(names = "--md", description = "Print a Markdown table.")
    boolean md;

    @Option(names = "--csv", description = "Print CSV.")
    boolean csv;

    String render(TextTable t) {
      return md ? t.markdown() : csv ? t.csv() : t.plain();
    }
  }

  abstract static class Show extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "<target>", description = "Limit to these files or directories.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-a", "--all-branches"}, description = "Show every branch.")
    boolean allBranches;

    @Option(names = {"-T", "--all-tags"}, description = "Show every tag.")
    boolean allTags;

    @Option(names = {"-A", "--all-commits"}, description = "Show every commit.")
    boolean allCommits;

    @Option(names = "--precision", paramLabel = "<n>", description = "Round floats to n decimal places (default 5).")
    Integer precision;

    @picocli.CommandLine.Mixin
    TableOptions table = new TableOptions();

    abstract String what();

    abstract Map<String, RevisionResult> query(MetricsQueries q) throws Exception;

    @Override
    int doCall() throws Exception {
      try (Cairn c = open(); Revisions revs = Revisions.open(c.repo())) {
        Map<String, RevisionResult> r = query(new MetricsQueries(revs, new DvcYamlScan()));
        if (table.json) {
          out().println(MetricsFormat.showJson(r, false));
        } else {
          out().print(table.render(MetricsFormat.showTable(r, allBranches || allTags || allCommits,
              MetricsFormat.effectivePrecision(precision))));
        }
        List<String> errored = new ArrayList<>();
        r.forEach((rev, res) -> {
          if (res.hasErrors()) {
            errored.add(rev);
          }
        });
        if (!errored.isEmpty()) {
          err().println("WARNING: " + MetricsFormat.erroredRevisionsMessage(what(), errored));
        }
      }
      return 0;
    }
  }

  abstract static class Diff extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<a_rev>", description = "Old revision (default HEAD).")
    String a = "HEAD";

    @Parameters(index = "1", arity = "0..1", paramLabel = "<b_rev>", description = "New revision (default: the workspace).")
    String b = Revisions.WORKSPACE;

    @Option(names = "--targets", arity = "1..*", paramLabel = "<target>", description = "Limit to these files.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--all", description = "Show unchanged values too.")
    boolean all;

    @Option(names = "--no-path", description = "Hide the Path column.")
    boolean noPath;

    @picocli.CommandLine.Mixin
    TableOptions table = new TableOptions();

    abstract String what();

    abstract DiffResult query(MetricsQueries q) throws Exception;

    abstract MetricsFormat.DiffTableOptions options();

    /** What the files to compare are found with. */
    MetricsQueries queries(Revisions revs) {
      return new MetricsQueries(revs, new DvcYamlScan());
    }

    @Override
    int doCall() throws Exception {
      try (Cairn c = open(); Revisions revs = Revisions.open(c.repo())) {
        DiffResult d = query(queries(revs));
        if (table.json) {
          out().println(d.json(false));
        } else {
          out().print(table.render(MetricsFormat.diffTable(d, options())));
        }
        if (!d.erroredRevisions().isEmpty()) {
          err().println("WARNING: " + MetricsFormat.erroredRevisionsMessage(what(), d.erroredRevisions()));
        }
      }
      return 0;
    }
  }

  @Command(name = "metrics", description = "Show and compare metrics (outputs flagged as metrics in dvc.yaml, and top-level metrics).",
      subcommands = {MetricsShow.class, MetricsDiff.class})
  static final class Metrics extends GroupCommand {
  }

  @Command(name = "show", description = "Print metrics of the workspace (or of branches, tags, commits).")
  static final class MetricsShow extends Show {
    @Override
    String what() {
      return "metrics";
    }

    @Override
    Map<String, RevisionResult> query(MetricsQueries q) throws Exception {
      return q.metricsShow(targets, allBranches, allTags, allCommits);
    }
  }

  @Command(name = "diff", description = "Compare metrics between two revisions (default: HEAD and the workspace).")
  static final class MetricsDiff extends Diff {
    @Option(names = "--precision", paramLabel = "<n>", description = "Round floats to n decimal places (default 5).")
    Integer precision;

    @Override
    String what() {
      return "metrics";
    }

    @Override
    DiffResult query(MetricsQueries q) throws Exception {
      return q.metricsDiff(a, b, targets, all);
    }

    @Override
    MetricsFormat.DiffTableOptions options() {
      return MetricsFormat.DiffTableOptions.metrics(noPath, MetricsFormat.effectivePrecision(precision));
    }
  }

  @Command(name = "params", description = "Show and compare params (stages' params, top-level params, params.yaml).",
      subcommands = {ParamsShow.class, ParamsDiff.class})
  static final class Params extends GroupCommand {
  }

  @Command(name = "show", description = "Print params of the workspace (or of branches, tags, commits).")
  static final class ParamsShow extends Show {
    @Override
    String what() {
      return "params";
    }

    @Override
    Map<String, RevisionResult> query(MetricsQueries q) throws Exception {
      return q.paramsShow(targets, allBranches, allTags, allCommits);
    }
  }

  @Command(name = "diff", description = "Compare params between two revisions (default: HEAD and the workspace).")
  static final class ParamsDiff extends Diff {
    @Option(names = "--deps", description = "Only the params that stages depend on (not the whole params.yaml nor"
        + " the top-level params files).")
    boolean deps;

    @Override
    String what() {
      return "params";
    }

    @Override
    MetricsQueries queries(Revisions revs) {
      return new MetricsQueries(revs, deps ? DvcYamlScan.stageParamsOnly() : new DvcYamlScan());
    }

    @Override
    DiffResult query(MetricsQueries q) throws Exception {
      return q.paramsDiff(a, b, targets, all);
    }

    @Override
    MetricsFormat.DiffTableOptions options() {
      return MetricsFormat.DiffTableOptions.params(noPath);
    }
  }
}
