package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.GetCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "get", description = {
    "Download a file or directory tracked by DVC or by Git in another repository, without tracking it: no .dvc file is written, and no repository is needed here.",
    "Objects are hash-checked on their way in, and the file or directory appears at its destination only when complete."})
final class GetCmd extends BaseCommand {
  @Mixin
  SourceOptions source;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Git revision (branch, tag or commit).")
  String rev;

  @Option(names = {"-f", "--force"}, description = "Override the local file or directory if it exists.")
  boolean force;

  @Option(names = "--config", paramLabel = "<file>", description = "Path to a config file merged over the source repository's configuration.")
  String config;

  @Option(names = "--remote", paramLabel = "<name>", description = "Remote of the source repository to download from, instead of its default.")
  String remote;

  @Override
  int doCall() throws Exception {
    int jobs = source.jobs();
    GetCommand cmd = Cairn.get(source.url, source.path, env()).setBaseDir(workDir()).setRev(rev).setForce(force)
        .setRemote(remote).setJobs(jobs).setGitAccess(CliGitAccess.of(env()));
    if (source.out != null) {
      cmd.setOut(resolve(source.out));
    }
    if (config != null) {
      cmd.setConfig(resolve(config));
    }
    GetCommand.GetResult r = cmd.setProgressMonitor(monitor()).call();
    info("Downloaded '" + source.path + "' from " + dev.cairn.storage.Redact.url(source.url) + "@"
        + r.rev().substring(0, 7) + " to '" + workDir().relativize(r.out()) + "'");
    return 0;
  }
}
