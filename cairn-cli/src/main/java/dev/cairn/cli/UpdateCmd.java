package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.UpdateCommand;
import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", description = {
    "Update data imported with 'cairn import' or 'cairn import-url' from its source: move rev_lock to the newest commit of the source's revision (or to --rev), download only the objects the cache lacks, and check the output out again. An import whose source did not move is left alone.",
    "Each .dvc file is updated whole or not at all, and workspace changes that are not in the cache are never discarded."})
final class UpdateCmd extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "<target>", description = ".dvc files to update (directories with -R).")
  List<String> targets;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Git revision to move to (branch, tag or commit); recorded as rev.")
  String rev;

  @Option(names = {"-R", "--recursive"}, description = "Update all imports in the given directories.")
  boolean recursive;

  @Option(names = "--no-download", description = "Update the .dvc file's revision but do not download the data; its hash is cleared until 'cairn pull'.")
  boolean noDownload;

  @Option(names = "--to-remote", description = "Update data directly on the remote (not for imports from repositories, as with DVC).")
  boolean toRemote;

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "Remote to update to with --to-remote.")
  String remote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<number>", description = "Number of parallel downloads (default 4 × CPUs).")
  int jobs;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    if (remote != null && !toRemote) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --remote can't be used without --to-remote");
    }
    try (Cairn cairn = Cairn.open(workDir(), env())) {
      UpdateCommand cmd = cairn.update().setRev(rev).setRecursive(recursive).setNoDownload(noDownload)
          .setToRemote(toRemote).setJobs(jobs).setGitAccess(CliGitAccess.of(env()));
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      UpdateCommand.UpdateResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        List<Object> rows = new ArrayList<>();
        for (UpdateCommand.Updated u : r.updated()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("dvc_file", u.dvcFile());
          m.put("old", u.oldRev());
          m.put("new", u.newRev());
          m.put("changed", u.changed());
          m.put("fetched", u.transfer().transferred());
          rows.add(m);
        }
        out().println(PyJson.dumpsUnsorted(rows));
        return 0;
      }
      List<String> changed = new ArrayList<>();
      for (UpdateCommand.Updated u : r.updated()) {
        if (!u.changed()) {
          info("'" + u.dvcFile() + "' didn't change, skipping");
          continue;
        }
        changed.add(u.dvcFile());
        info("Updated '" + u.dvcFile() + "': " + shortRev(u.oldRev()) + " -> " + shortRev(u.newRev())
            + (u.transfer().transferred() > 0 ? " (" + TransferOutput.files(u.transfer().transferred()) + " fetched)" : ""));
      }
      if (!changed.isEmpty()) {
        info("To track the changes with git, run:\n\n\tgit add " + String.join(" ", changed) + "\n");
      }
    }
    return 0;
  }

  static String shortRev(String rev) {
    if (rev == null) {
      return "(none)";
    }
    return rev.matches("[0-9a-f]{40}") ? rev.substring(0, 7) : rev;
  }
}
