package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.merge.MergeDriver;
import dev.cairn.odb.ObjectDb;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn git-hook merge-driver}: the merge driver Git runs for dvc.lock, .dvc files and .dir manifests. */
@Command(name = "merge-driver", description = {
    "Merge a dvc.lock, .dvc file or .dir manifest entry by entry: the result replaces --our and the exit code is 0. When both sides changed the same entry, --our is left with Git's conflict markers, each such entry is named on stderr with both hashes, and the exit code is 1.",
    "Git runs it as registered by 'cairn install --merge-driver' (merge.cairn.driver)."})
final class MergeDriverCmd extends BaseCommand {
  @Option(names = "--ancestor", required = true, paramLabel = "<file>", description = "The common ancestor's version (Git's %O).")
  Path ancestor;

  @Option(names = "--our", required = true, paramLabel = "<file>", description = "Our version, replaced by the result (Git's %A).")
  Path ours;

  @Option(names = "--their", required = true, paramLabel = "<file>", description = "Their version (Git's %B).")
  Path theirs;

  @Option(names = "--path", required = true, paramLabel = "<path>", description = "The file's path in the repository (Git's %P).")
  String path;

  @Override
  int doCall() throws Exception {
    ObjectDb odb = null;
    Cairn cairn = null;
    try {
      cairn = Cairn.open(workDir());
      odb = cairn.repo().odb();
    } catch (CairnException e) {
      // not in a DVC repository: directories cannot be merged through their manifests
    }
    try {
      MergeDriver.Outcome r = MergeDriver.run(resolve(ancestor.toString()), resolve(ours.toString()),
          resolve(theirs.toString()), path, odb);
      for (String p : r.problems()) {
        err().println("cairn: " + p);
      }
      return r.merged() ? 0 : ExitCodes.FAILED;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ExitException(ExitCodes.USAGE, "cairn: " + e.getFile() + " does not exist (Git passes %O, %A and %B)");
    } finally {
      if (cairn != null) {
        cairn.close();
      }
    }
  }
}
