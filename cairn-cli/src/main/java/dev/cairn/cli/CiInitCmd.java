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
    "with a write token posts it, so pull requests from forks get their comment too.",
    "--azure writes azure-pipelines.yml. --check also publishes the report as a check of the commit. --schedule '<cron>' writes the continuous-training workflow instead: on that schedule, pull, repro, the report, push, and 'pr create' when anything changed."})
final class CiInitCmd extends BaseCommand {
  static final class Forge {
    @Option(names = "--github", required = true, description = "GitHub Actions: .github/workflows/cairn.yml")
    boolean github;

    @Option(names = "--gitlab", required = true, description = "GitLab CI: .gitlab-ci.yml")
    boolean gitlab;

    @Option(names = "--gitea", required = true, description = "Gitea/Forgejo Actions: .gitea/workflows/cairn.yml")
    boolean gitea;

    @Option(names = "--azure", required = true, description = "Azure Pipelines: azure-pipelines.yml (pull requests; the pipeline's token mapped into the step; the wrapper's download and the Maven repository cached with the Cache@2 task).")
    boolean azure;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Forge forge;

  @Option(names = "--fork-safe", description = "GitHub only: the two-workflow variant for pull requests from forks.")
  boolean forkSafe;

  @Option(names = "--check", description = "The job also publishes the report as a check of the commit (ci run --check): a GitHub check run, for which the workflow is granted 'checks: write' (not granted otherwise); a commit status elsewhere.")
  boolean check;

  @Option(names = "--schedule", paramLabel = "<cron>", description = "Write the continuous-training workflow instead (GitHub, Gitea: .github/workflows/cairn-training.yml; GitLab: a cairn-training job for a pipeline schedule beside the merge-request job): on this cron schedule (UTC, e.g. '0 3 * * 1') and on demand, pull, repro, the report (a failed gate fails the run), push the data and models, and 'pr create' with the report when anything changed; granted 'contents: write' and 'pull-requests: write' only.")
  String schedule;

  @Option(names = "--matrix", description = "GitHub only: the experiments workflow, .github/workflows/cairn-experiments.yml, which runs the pull request's queued experiments (pushed with 'cairn queue push') and the ci.matrix params grid of cairn.yaml as a matrix of jobs, each pushing its experiment, then posts the comparison on the pull request.")
  boolean matrix;

  @Option(names = {"-f", "--force"}, description = "Overwrite existing workflow files.")
  boolean force;

  @Override
  int doCall() throws Exception {
    if (forkSafe && !forge.github) {
      throw CairnException.invalidInput("--fork-safe is for GitHub workflows only");
    }
    if (schedule != null && (forge.azure || forkSafe)) {
      throw CairnException.invalidInput("--schedule is for --github, --gitea and --gitlab" + (forkSafe ? ", without --fork-safe" : ""));
    }
    if (matrix && !forge.github) {
      throw CairnException.invalidInput("--matrix is for GitHub workflows only");
    }
    if (matrix && forkSafe) {
      throw CairnException.invalidInput("--matrix and --fork-safe cannot be combined: the matrix jobs push"
          + " experiments, which a fork's pull request may not do");
    }
    if (matrix && schedule != null) {
      throw CairnException.invalidInput("--matrix and --schedule write different workflows: run 'cairn ci init' once for each");
    }
    Path root;
    Map<String, String> secrets;
    boolean hasRemote;
    try (Cairn cairn = open()) {
      root = cairn.repo().root();
      secrets = Workflows.remoteSecrets(cairn.repo().config());
      hasRemote = !cairn.repo().config().remoteNames().isEmpty();
    }
    Map<String, String> files;
    try {
      if (matrix) {
        files = Workflows.githubMatrix(secrets);
      } else if (schedule != null && !forge.gitlab) {
        files = Workflows.training(secrets, hasRemote, schedule, forge.gitea);
      } else if (forge.github) {
        files = Workflows.github(secrets, forkSafe, check);
      } else if (forge.gitlab) {
        files = Workflows.gitlab(secrets, check, schedule, hasRemote);
      } else if (forge.gitea) {
        files = Workflows.gitea(secrets, check);
      } else {
        files = Workflows.azure(secrets, check);
      }
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
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
    info(!hasRemote ? "No remote configured: the workflow pulls nothing."
        : secrets.isEmpty() ? "The remote needs no secrets in the workflow."
        : (forge.azure ? "Define these secret pipeline variables: " : "Add these secrets to the repository settings: ")
            + String.join(", ", secrets.keySet()));
    return 0;
  }
}
