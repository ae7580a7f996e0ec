package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.GetCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", description = {
    "Download a file or directory tracked by DVC or by Git in another repository, without tracking it: no .dvc file is written, and no repository is needed here.",
    "Objects are hash-checked on their way in, and the file or directory appears at its destination only when complete."})
final class GetCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location of the DVC or Git repository to download from: a path, https://, ssh:// or git@host:path.")
  String url;

  @Parameters(index = "1", paramLabel = "<path>", description = "Path to a file or directory within the repository.")
  String path;

  @Option(names = {"-o", "--out"}, paramLabel = "<path>", description = "Destination path to download files to (inside it when it is a directory).")
  String out;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Git revision (branch, tag or commit).")
  String rev;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<number>", description = "Number of parallel downloads (default 4 × CPUs).")
  int jobs;

  @Option(names = {"-f", "--force"}, description = "Override the local file or directory if it exists.")
  boolean force;

  @Option(names = "--config", paramLabel = "<file>", description = "Path to a config file merged over the source repository's configuration.")
  String config;

  @Option(names = "--remote", paramLabel = "<name>", description = "Remote of the source repository to download from, instead of its default.")
  String remote;

  @Override
  int doCall() throws Exception {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    GetCommand cmd = Cairn.get(url, path, env()).setBaseDir(workDir()).setRev(rev).setForce(force).setRemote(remote)
        .setJobs(jobs).setGitAccess(CliGitAccess.of(env()));
    if (out != null) {
      cmd.setOut(resolve(out));
    }
    if (config != null) {
      cmd.setConfig(resolve(config));
    }
    GetCommand.GetResult r = cmd.setProgressMonitor(monitor()).call();
    info("Downloaded '" + path + "' from " + dev.cairn.storage.Redact.url(url) + "@" + r.rev().substring(0, 7) + " to '"
        + workDir().relativize(r.out()) + "'");
    return 0;
  }
}
