package dev.cairn.cli;

import dev.cairn.ci.PullRequestJob;
import dev.cairn.errors.CairnException;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pr", description = "Open pull requests with a CI job's results, as cml pr create does.",
    subcommands = PrCmd.Create.class)
final class PrCmd extends GroupCommand {
  @Command(name = "create", description = {
      "Commit the given paths (default: what the pipeline changed: modified tracked files, new .dvc files, dvc.lock) on top of HEAD to the branch cairn/<short-sha> (or --branch), push it to the remote with the forge token, and open a pull request into the current branch; on a rerun the open pull request from that branch is reused and its title and description replaced. The working tree, the index and the local branches are left as they were. Prints the pull request's address.",
      "When nothing differs from HEAD, says so and exits 0 without pushing, so a scheduled job can run it every time. The branch belongs to this command: a rerun replaces it (a forced push, refused if the branch moved on the remote meanwhile)."})
  static final class Create extends BaseCommand {
    @Parameters(paramLabel = "<path>", arity = "0..*", description = "Files or directories to commit (e.g. dvc.lock, *.dvc, metrics files).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--branch", paramLabel = "<branch>", description = "The branch to push. Default: cairn/<short SHA of HEAD>.")
    String branch;

    @Option(names = {"--target-branch", "--base"}, paramLabel = "<branch>", description = "The branch the pull request goes into. Default: the current branch (in CI: the run's branch).")
    String targetBranch;

    @Option(names = "--title", paramLabel = "<title>", description = "The pull request's title. Default: Cairn: results for <branch> at <short-sha>.")
    String title;

    @Option(names = "--body", paramLabel = "<text>", description = "The pull request's description. Default: the commit and its files, and the CI run's address.")
    String body;

    @Option(names = "--body-file", paramLabel = "<file>", description = "A Markdown file to use as the description, e.g. report/report.md; its local images are uploaded as for 'comment' (--no-publish to keep the links).")
    Path bodyFile;

    @Option(names = "--label", paramLabel = "<label>", description = "A label to set (repeatable); created as needed on GitHub, GitLab and Azure DevOps, must exist on Gitea, refused on Bitbucket.")
    List<String> labels = new ArrayList<>();

    static final class Merge {
      @Option(names = {"--merge", "--auto-merge"}, description = "Turn on auto-merge with a merge commit, where the forge allows it.")
      boolean merge;

      @Option(names = "--squash", description = "Turn on auto-merge, squashing the commits.")
      boolean squash;

      @Option(names = "--rebase", description = "Turn on auto-merge, rebasing the commits.")
      boolean rebase;
    }

    @ArgGroup(exclusive = true)
    Merge merge;

    @Option(names = "--skip-ci", description = "Append [skip ci] to the commit message, which GitHub, GitLab, Gitea, Bitbucket and Azure Pipelines read as: start no CI run for this push.")
    boolean skipCi;

    @Option(names = {"-m", "--message"}, paramLabel = "<message>", description = "The commit message. Default: Cairn: results for <short-sha>.")
    String message;

    @Option(names = "--remote", paramLabel = "<name>", defaultValue = "origin", description = "The Git remote to push to. Default: ${DEFAULT-VALUE}.")
    String remote;

    @Option(names = "--user-name", paramLabel = "<name>", description = "The commit's author. Default: Git's user.name, else Cairn.")
    String userName;

    @Option(names = "--user-email", paramLabel = "<email>", description = "The author's e-mail. Default: Git's user.email, else cairn@localhost.")
    String userEmail;

    @Option(names = "--md", description = "Print a Markdown link to the pull request instead of its address.")
    boolean md;

    @Option(names = "--publish", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Upload the local images of --body-file and link them. Default: on.")
    boolean publish = true;

    @Option(names = "--publish-url", paramLabel = "<url>", description = "Upload images to this asset server instead.")
    String publishUrl;

    @Mixin
    ForgeOptions forge;

    @Override
    int doCall() throws Exception {
      if (body != null && bodyFile != null) {
        throw CairnException.invalidInput("Give --body or --body-file, not both");
      }
      MergeMethod method = merge == null ? null : merge.squash ? MergeMethod.SQUASH : merge.rebase ? MergeMethod.REBASE
          : MergeMethod.MERGE;
      PullRequestJob.Result r = PullRequestJob.in(workDir(), env()).setPaths(paths).setBranch(branch)
          .setBaseBranch(targetBranch).setTitle(title).setBody(body).setBodyFile(bodyFile).setLabels(labels)
          .setAutoMerge(method).setSkipCi(skipCi).setMessage(message).setRemote(remote).setUser(userName, userEmail)
          .setForge(forge.request(null)).setPublish(publish, publishUrl).setListener(this::info).call();
      if (r.pullRequest().isEmpty()) {
        return 0;
      }
      PullRequestResult p = r.pullRequest().get();
      PullRequest pr = p.pullRequest();
      info(switch (p.action()) {
        case CREATED -> "Opened";
        case UPDATED -> "Updated";
        case REUSED -> "Reused";
      } + " pull request #" + pr.number() + " from " + r.branch() + " into " + r.baseBranch()
          + (p.labels().isEmpty() ? "" : ", labels " + String.join(", ", p.labels())));
      p.autoMerge().ifPresent(a -> info("Auto-merge (" + a.method().id() + "): " + a.state().name()
          .toLowerCase(Locale.ROOT) + ", " + a.detail()));
      out().println(md ? "[" + pr.title().replace("[", "\\[").replace("]", "\\]") + "](" + pr.url() + ")" : pr.url());
      return 0;
    }
  }
}
