package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn git-hook <hook>}: what the hooks {@code cairn install} writes run (DVC's hidden
 * {@code git-hook} command), and the merge driver it registers. Outside a repository each hook does
 * nothing and exits 0.
 */
@Command(name = "git-hook", hidden = true, description = "Run by Git through what 'cairn install' registered (hooks, the merge driver); not meant to be typed.",
    subcommands = {GitHookCmd.PreCommit.class, GitHookCmd.PostCheckout.class, GitHookCmd.PrePush.class,
        MergeDriverCmd.class})
final class GitHookCmd extends GroupCommand {
  abstract static class Hook extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "<arg>", description = "Arguments passed by Git or the pre-commit tool.")
    List<String> args = new ArrayList<>();

    /** The command to run, or null to do nothing. */
    abstract String[] command() throws Exception;

    @Override
    int doCall() throws Exception {
      try {
        Cairn.findRoot(workDir());
      } catch (CairnException e) {
        return 0;
      }
      String[] cmd = command();
      if (cmd == null) {
        return 0;
      }
      List<String> all = new ArrayList<>(List.of("-C", workDir().toString()));
      if (root().quiet) {
        all.add("-q");
      }
      all.addAll(List.of(cmd));
      String[] a = all.toArray(String[]::new);
      CommandLine cl = CliContext.commandLine(out(), err(), root().terminal, env(), a);
      ((RootCommand) cl.getCommand()).in = in();
      return cl.execute(a);
    }
  }

  @Command(name = "pre-commit", description = "Run the pre-commit hook: cairn status.")
  static final class PreCommit extends Hook {
    @Override
    String[] command() {
      return new String[] {"status"};
    }
  }

  @Command(name = "post-checkout", description = "Run the post-checkout hook: cairn checkout, after a branch checkout"
      + " (not a file checkout), and not during a rebase.")
  static final class PostCheckout extends Hook {
    @Override
    String[] command() {
      // the pre-commit tool passes the flag in its environment, Git as the third argument
      String flag = env().get("PRE_COMMIT_CHECKOUT_TYPE");
      if (flag == null && args.size() >= 3) {
        flag = args.get(2);
      }
      if (!"1".equals(flag)) {
        return null;
      }
      if (Files.isDirectory(workDir().resolve(".git").resolve("rebase-merge"))) {
        return null;
      }
      return new String[] {"checkout"};
    }
  }

  @Command(name = "pre-push", description = "Run the pre-push hook: cairn push.")
  static final class PrePush extends Hook {
    @Override
    String[] command() {
      return new String[] {"push"};
    }
  }
}
