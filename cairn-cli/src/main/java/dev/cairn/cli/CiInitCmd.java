package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.ci.Workflows;
import dev.cairn.errors.CairnException;
import dev.cairn.wrapper.WrapperProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = {
    "Write the CI workflow of a Cairn project: on pull requests that touch code, params, the pipeline or data pointers, run './cairnw ci run' (pull, tests, repro, report, comment, gates) with the Cairn version the repository pins; the wrapper's download is cached between runs. Without a wrapper (cairnw and .cairn/wrapper.properties), writes one first, as 'cairn wrapper' does with its defaults.",
    "--fork-safe (GitHub): the pull-request job uploads the report as an artifact and a workflow_run job",
    "with a write token posts it, so pull requests from forks get their comment too."})
final class CiInitCmd extends BaseCommand {
  static final class Forge {
    @Option(names = "--github", required = true, description = "GitHub Actions: .github/workflows/cairn.yml")
    boolean github;

    @Option(names = "--gitlab", required = true, description = "GitLab CI: .gitlab-ci.yml")
    boolean gitlab;

    @Option(names = "--gitea", required = true, description = "Gitea/Forgejo Actions: .gitea/workflows/cairn.yml")
    boolean gitea;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Forge forge;

  @Option(names = "--fork-safe", description = "GitHub only: the two-workflow variant for pull requests from forks.")
  boolean forkSafe;

  @Option(names = {"-f", "--force"}, description = "Overwrite existing workflow files.")
  boolean force;

  @Override
  int doCall() throws Exception {
    if (forkSafe && !forge.github) {
      throw CairnException.invalidInput("--fork-safe is for GitHub workflows only");
    }
    Path root;
    Map<String, String> secrets;
    try (Cairn cairn = open()) {
      root = cairn.repo().root();
      secrets = Workflows.remoteSecrets(cairn.repo().config());
    }
    Map<String, String> files = forge.github ? Workflows.github(secrets, forkSafe)
        : forge.gitlab ? Workflows.gitlab(secrets) : Workflows.gitea(secrets);
    for (String rel : files.keySet()) {
      if (Files.exists(root.resolve(rel)) && !force) {
        throw CairnException.unexpectedState("'" + rel + "' already exists: use --force to overwrite it");
      }
    }
    if (!Files.isRegularFile(root.resolve("cairnw")) || !Files.isRegularFile(root.resolve(WrapperProperties.PATH))) {
      try {
        WrapperCmd.write(this, root, BuildInfo.version(), null, null);
      } catch (CairnException e) {
        throw new CairnException(e.kind(), "The workflow runs ./cairnw, and there is no wrapper in " + root
            + " yet; writing one failed: " + e.getMessage() + ". Write it with 'cairn wrapper' (see --help), then "
            + "run 'cairn ci init' again", e);
      }
      info("No wrapper was in the repository: wrote cairnw, cairnw.cmd and " + WrapperProperties.PATH
          + "; commit them with the workflow.");
    }
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
      out().println(e.getKey());
    }
    info(secrets.isEmpty() ? "No remote configured: the workflow pulls nothing."
        : "Add these secrets to the repository settings: " + String.join(", ", secrets.keySet()));
    return 0;
  }
}
