package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.GcCommand;
import dev.cairn.format.PyJson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "gc", description = {
    "Delete cache objects that no selected revision uses, as DVC's gc does. Choose what to keep with -w, -a, -T,"
        + " -A, --all-experiments, --date or --rev; the workspace is always kept. --not-in-remote keeps only what"
        + " the remote lacks; -c also deletes unused objects from the remote. The run-cache (runs/) is never"
        + " collected.",
    "Asks for confirmation unless -f or --dry is given."})
final class GcCmd extends BaseCommand {
  @Option(names = {"-w", "--workspace"}, description = "Keep what the workspace uses.")
  boolean workspace;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Keep what <commit> uses.")
  String rev;

  @Option(names = {"-n", "--num"}, paramLabel = "<num>", description = "With --rev: keep what the last <num>"
      + " first-parent commits from <commit> use (default 1; negative: all of them).")
  Integer num;

  @Option(names = {"-a", "--all-branches"}, description = "Keep what the tip of every branch uses.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Keep what every tag uses.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Keep what every commit uses.")
  boolean allCommits;

  @Option(names = "--date", paramLabel = "<yyyy-mm-dd>", description = "Keep what the commits made on or after this"
      + " date (local time) use.")
  String date;

  @Option(names = "--all-experiments", description = "Keep what every experiment uses.")
  boolean allExperiments;

  @Option(names = "--not-in-remote", description = "Keep only the used objects the remote does not have (the others"
      + " can be pulled again).")
  boolean notInRemote;

  @Option(names = {"-c", "--cloud"}, description = "Also delete the objects the selection does not use from the remote.")
  boolean cloud;

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "The remote for -c or --not-in-remote"
      + " (default: core.remote).")
  String remote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", description = "Parallel requests to the remote.")
  int jobs;

  @Option(names = "--dry", description = "Only report what would be removed.")
  boolean dry;

  @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
  boolean force;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    LocalDate since = null;
    if (date != null) {
      try {
        since = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new ExitException(ExitCodes.USAGE, "cairn: --date must be yyyy-mm-dd, got '" + date + "'");
      }
    }
    try (Cairn cairn = open()) {
      GcCommand cmd = cairn.gc().setWorkspace(workspace).setAllBranches(allBranches).setAllTags(allTags)
          .setAllCommits(allCommits).setAllExperiments(allExperiments).setRev(rev).setNum(num).setDate(since)
          .setCloud(cloud).setNotInRemote(notInRemote).setRemote(remote).setJobs(jobs).setDryRun(dry);
      if (!dry && !force) {
        cmd.checkOptions(); // a gc that cannot run is refused before the question
        err().println("WARNING: " + warning());
        if (!confirm("Are you sure you want to proceed?")) {
          throw new ExitException(ExitCodes.FAILED, "ERROR: nothing removed without a confirmation from the user;"
              + " answer 'y', or use -f (--force) to skip the question.");
        }
      }
      GcCommand.GcResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kept", r.kept());
        m.put("removed", r.removed());
        m.put("dry", r.dryRun());
        if (cloud) {
          m.put("remote", r.remote());
          m.put("remote_removed", r.remoteRemoved());
        }
        out().println(PyJson.dumpsUnsorted(m));
      } else {
        String verb = dry ? "Would remove " : "Removed ";
        info(r.removed().isEmpty() ? "No unused 'local' cache to remove."
            : verb + r.removed().size() + " objects from local cache.");
        if (cloud) {
          info(r.remoteRemoved().isEmpty() ? "No unused cache to remove from remote."
              : verb + r.remoteRemoved().size() + " objects from remote.");
        }
      }
    }
    return 0;
  }

  /** DVC's warning: what will be kept. */
  private String warning() {
    StringBuilder msg = new StringBuilder("This will remove all cache except items used in the workspace");
    if (allCommits) {
      msg.append(" and all git commits");
    } else {
      if (allBranches && allTags) {
        msg.append(" and all git branches and tags");
      } else if (allBranches) {
        msg.append(" and all git branches");
      } else if (allTags) {
        msg.append(" and all git tags");
      }
      if (date != null) {
        msg.append(" and all git commits before date ").append(date);
      }
      if (rev != null) {
        msg.append(" and last ").append(num == null ? 1 : num).append(" commits from ").append(rev);
      }
    }
    if (allExperiments) {
      msg.append(" and all experiments");
    }
    if (notInRemote) {
      msg.append(" that are not present in the DVC remote");
    }
    msg.append(" of the current repo.");
    if (cloud) {
      msg.append(" Unused objects are deleted from the remote too.");
    }
    return msg.toString();
  }
}
