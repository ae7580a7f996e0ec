package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.ci.PullRequestReports;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.format.PyJson;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.Report;
import dev.cairn.report.ReportMarkdown;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", description = {
    "Write the pull-request report: gates from cairn.yaml, metrics and params diffs against the base (DVC's --md tables), changed plots, JUnit test summary, data changes and the CI run link.",
    "Exits 1 when a gate fails."})
final class ReportCmd extends BaseCommand {
  @Option(names = "--base", paramLabel = "<rev>", description = {
      "Revision to compare with. Default: the pull request's target branch in CI, else report.base in cairn.yaml, else main (origin/<name> when only the remote-tracking branch exists)."})
  String base;

  @Option(names = "--md-out", paramLabel = "<file>", description = {
      "Write the Markdown to <file> instead of stdout; changed plots are drawn into <stem>_plots/ next to it."})
  Path mdOut;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    Report r;
    Path md = mdOut == null ? null : workDir().resolve(mdOut);
    try (Cairn cairn = open()) {
      Path root = cairn.repo().root();
      CairnYaml config = CairnYaml.load(root);
      Optional<CiEnvironment> ci = PullRequestReports.ci(env());
      String rev = PullRequestReports.base(root, base, config, ci);
      r = PullRequestReports.build(root, cairn.repo().odb(), config, rev, md, ci, List.of());
    }
    if (md != null) {
      PullRequestReports.write(r, md);
    }
    if (json.json) {
      out().println(PyJson.dumpsUnsorted(r.toJson()));
    } else if (md == null) {
      out().print(ReportMarkdown.render(r));
    } else {
      out().println(md);
    }
    r.warnings().forEach(w -> info("WARNING: " + w));
    if (!r.gatesPassed()) {
      long failed = r.gates().stream().filter(g -> !g.passed()).count();
      throw new ExitException(ExitCodes.FAILED, failed + " of " + r.gates().size() + " gates failed.");
    }
    return 0;
  }
}
