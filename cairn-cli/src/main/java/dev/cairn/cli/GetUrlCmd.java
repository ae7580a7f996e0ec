package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.GetUrlCommand;
import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get-url", description = {
    "Download or copy a file or directory from a URL, without tracking it. No repository is needed; inside one, remote://<name>/<path> and the keys of its remotes apply (see 'cairn import-url --help' for the URLs).",
    "The file or directory appears at its destination only when complete."})
final class GetUrlCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location of the data to download.")
  String url;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<out>", description = "Destination path to put data to.")
  String out;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<number>", description = "Number of parallel downloads (default 4 × CPUs).")
  int jobs;

  @Option(names = {"-f", "--force"}, description = "Override the local file or directory if it exists.")
  boolean force;

  @Override
  int doCall() throws Exception {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    GetUrlCommand cmd = Cairn.getUrl(url).setBaseDir(workDir()).setForce(force).setJobs(jobs)
        .setRepoConfig(repoConfig(this));
    if (out != null) {
      cmd.setOut(resolve(out));
    }
    GetUrlCommand.GetUrlResult r = cmd.setProgressMonitor(monitor()).call();
    info("Downloaded '" + dev.cairn.storage.Redact.url(url) + "' to '" + workDir().relativize(r.out()) + "'");
    return 0;
  }

  /** The configuration of the repository around the working directory, or null outside one. */
  static DvcConfig repoConfig(BaseCommand cmd) {
    try (Cairn c = Cairn.open(cmd.workDir(), cmd.env())) {
      return c.repo().config();
    } catch (CairnException e) {
      return null;
    }
  }
}
