package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ImportCommand;
import dev.cairn.format.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import", description = {
    "Download a file or directory tracked by DVC or by Git in another repository (a data registry) into the workspace, and track it with a .dvc file that records the source and the commit imported (frozen, byte-identical to what 'dvc import' writes).",
    "The source is cloned once into the per-user clone cache (CAIRN_REPO_CACHE, default ~/.cache/cairn/repos) or read in place when it is a local path. Its data comes from the remote its committed .dvc/config names, every object hash-checked into the cache before the workspace changes. 'cairn update' moves the import to a newer commit."})
final class ImportCmd extends BaseCommand {
  @Mixin
  SourceOptions source;

  @Option(names = {"-f", "--force"}, description = "Override the destination file or directory and its .dvc file if they exist.")
  boolean force;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Git revision of the source (branch, tag or commit); recorded as rev.")
  String rev;

  @Option(names = "--no-exec", description = "Only create the .dvc file, without reading the source.")
  boolean noExec;

  @Option(names = "--no-download", description = "Create the .dvc file with the commit imported, but do not download the data ('cairn pull' does).")
  boolean noDownload;

  @Option(names = "--config", paramLabel = "<file>", description = "Path to a config file merged over the source repository's configuration; recorded in the .dvc file.")
  String config;

  @Option(names = "--remote", paramLabel = "<name>", description = "Remote of the source repository to download from, instead of its default; recorded in the .dvc file.")
  String remote;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    int jobs = source.jobs();
    try (Cairn cairn = Cairn.open(workDir(), env())) {
      ImportCommand cmd = cairn.importRepo(source.url, source.path).setBaseDir(workDir()).setRev(rev).setNoExec(noExec)
          .setNoDownload(noDownload).setForce(force).setRemote(remote).setJobs(jobs)
          .setGitAccess(CliGitAccess.of(env()));
      if (source.out != null) {
        cmd.setOut(resolve(source.out));
      }
      if (config != null) {
        cmd.setConfig(resolve(config));
      }
      ImportCommand.ImportResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dvc_file", r.dvcFile());
        m.put("path", r.out());
        m.put("rev_lock", r.revLock());
        m.put("md5", r.hash() == null ? null : r.hash().value());
        m.put("fetched", r.transfer().transferred());
        out().println(PyJson.dumpsUnsorted(m));
        return 0;
      }
      info("Importing '" + source.path + " (" + dev.cairn.storage.Redact.url(source.url) + ")' -> '" + r.out() + "'"
          + (r.revLock() == null ? "" : " at " + r.revLock().substring(0, 7))
          + (r.hash() == null ? " (not downloaded)" : ""));
      info("To track the changes with git, run:\n\n\tgit add " + r.dvcFile() + " " + gitignoreOf(r.out()) + "\n");
    }
    return 0;
  }

  /** The .gitignore beside an output (repo-relative). */
  static String gitignoreOf(String out) {
    int slash = out.lastIndexOf('/');
    return slash < 0 ? ".gitignore" : out.substring(0, slash + 1) + ".gitignore";
  }
}
