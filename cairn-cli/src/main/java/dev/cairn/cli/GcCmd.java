package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.GcCommand;
import dev.cairn.format.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gc", description = {
    "Delete cache objects that no selected revision uses. Choose what to keep with -w, -a, -T or --all-commits; the workspace is always kept. The run-cache (runs/) is never collected."})
final class GcCmd extends BaseCommand {
  @Option(names = {"-w", "--workspace"}, description = "Keep what the workspace uses.")
  boolean workspace;

  @Option(names = {"-a", "--all-branches"}, description = "Keep what the tip of every branch uses.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Keep what every tag uses.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Keep what every commit uses.")
  boolean allCommits;

  @Option(names = "--dry", description = "Only report what would be removed.")
  boolean dry;

  @Option(names = {"-f", "--force"}, description = "Do not ask (Cairn never asks; accepted for DVC compatibility).")
  boolean force;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      GcCommand.GcResult r = cairn.gc().setWorkspace(workspace).setAllBranches(allBranches).setAllTags(allTags)
          .setAllCommits(allCommits).setDryRun(dry).call();
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kept", r.kept());
        m.put("removed", r.removed());
        m.put("dry", r.dryRun());
        out().println(PyJson.dumpsUnsorted(m));
      } else {
        info((dry ? "Would remove " : "Removed ") + r.removed().size() + " objects; kept " + r.kept() + ".");
      }
    }
    return 0;
  }
}
