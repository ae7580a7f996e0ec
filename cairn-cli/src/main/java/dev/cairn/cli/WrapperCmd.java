package dev.cairn.cli;

import dev.cairn.wrapper.WrapperCommand;
import dev.cairn.wrapper.WrapperResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "wrapper", description = {
    "Pin a Cairn version in this repository, as the Maven wrapper does: writes cairnw (POSIX sh), cairnw.cmd (Windows) and .cairn/wrapper.properties (the distribution's URL and SHA-256). Commit the three files; then './cairnw <command>' downloads that distribution once, checks it and runs it, on every clone and in CI.",
    "The URL: --distribution-url, else the version's archive (dev/cairn/cairn-dist/<v>/cairn-dist-<v>.tar.gz) under a Maven repository base taken from --repository-url, CAIRN_REPOSITORY_URL, the wrapper this runs under (./cairnw wrapper --version <v>), the release's default, or the local Maven repository."})
final class WrapperCmd extends BaseCommand {
  @Option(names = "--version", paramLabel = "<version>", description = "The Cairn version to pin. Default: this one.")
  String version;

  @Option(names = "--distribution-url", paramLabel = "<url>",
      description = "The .tar.gz to pin (http, https or file URL), instead of the version's archive in a repository.")
  String distributionUrl;

  @Option(names = "--repository-url", paramLabel = "<url>",
      description = "The Maven repository base holding dev/cairn/cairn-dist (a mirror, a private repository).")
  String repositoryUrl;

  @Override
  int doCall() throws Exception {
    String v = version == null ? BuildInfo.version() : version;
    WrapperResult r = write(this, workDir(), v, distributionUrl, repositoryUrl);
    for (Path f : r.files()) {
      out().println(workDir().relativize(f.toAbsolutePath()));
    }
    return 0;
  }

  /**
   * Writes the wrapper into {@code dir} (the code of both {@code cairn wrapper} and {@code cairn ci
   * init}) and tells on stderr which distribution it pins and where the URL came from.
   */
  static WrapperResult write(BaseCommand cmd, Path dir, String v, String url, String repo) throws Exception {
    WrapperResult r = WrapperCommand.in(dir).setVersion(v).setDistributionUrl(url).setRepositoryUrl(repo)
        .setReleaseRepositoryUrl(BuildInfo.repositoryUrl()).setEnvironment(cmd.env()).call();
    cmd.info("Cairn wrapper: " + r.properties().distributionUrl() + " (" + r.origin() + ")");
    cmd.info("SHA-256 " + r.properties().distributionSha256Sum() + (r.publishedChecksum()
        ? " (matches the .sha256 published beside it)" : " (computed from the archive; no .sha256 beside it)"));
    if (r.properties().distributionUrl().startsWith("file:")) {
      cmd.info("WARNING: a file: URL works on this machine only; for CI and other clones pin an http(s) URL "
          + "(--repository-url or --distribution-url)");
    }
    return r;
  }
}
