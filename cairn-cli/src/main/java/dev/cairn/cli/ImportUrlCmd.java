package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ImportCommand;
import dev.cairn.api.ImportUrlCommand;
import dev.cairn.format.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-url", description = {
    "Download a file or directory from a URL into the workspace and track it with a .dvc file that records the URL and the checksum its server reports (byte-identical to what 'dvc import-url' writes). The data then belongs to this repository: 'cairn push' uploads it.",
    "Supported URLs: local paths, s3://, azure://, https://, ssh://, and remote://<name>/<path> inside one of this repository's remotes. A remote URL uses the keys (endpoint, credentials) of the remote whose URL is its longest prefix."})
final class ImportUrlCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location of the data to download.")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<out>", description = "Destination path to put files to (inside it when it is a directory).")
  String out;

  @Option(names = "--no-exec", description = "Only create the .dvc file without downloading anything.")
  boolean noExec;

  @Option(names = "--no-download", description = "Create the .dvc file with the source's checksum, but do not download the data ('cairn pull' does).")
  boolean noDownload;

  @Option(names = {"-f", "--force"}, description = "Override the destination file or directory if it exists.")
  boolean force;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<number>", description = "Number of parallel downloads (default 4 × CPUs).")
  int jobs;

  @Option(names = "--to-remote", description = "DVC's download straight to the remote: not supported by Cairn (refused).")
  boolean toRemote;

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "Remote to download to with --to-remote.")
  String remote;

  @Option(names = "--version-aware", description = "DVC's cloud-versioned import: not supported by Cairn (refused).")
  boolean versionAware;

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
      ImportUrlCommand cmd = cairn.importUrl(url).setBaseDir(workDir()).setNoExec(noExec).setNoDownload(noDownload)
          .setForce(force).setJobs(jobs).setToRemote(toRemote).setVersionAware(versionAware);
      if (out != null) {
        cmd.setOut(resolve(out));
      }
      ImportCommand.ImportResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dvc_file", r.dvcFile());
        m.put("path", r.out());
        m.put("md5", r.hash() == null ? null : r.hash().value());
        out().println(PyJson.dumpsUnsorted(m));
        return 0;
      }
      info("Importing '" + dev.cairn.storage.Redact.url(url) + "' -> '" + r.out() + "'"
          + (r.hash() == null ? " (not downloaded)" : ""));
      info("To track the changes with git, run:\n\n\tgit add " + r.dvcFile() + " " + ImportCmd.gitignoreOf(r.out())
          + "\n");
    }
    return 0;
  }
}
