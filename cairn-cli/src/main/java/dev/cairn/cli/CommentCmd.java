package dev.cairn.cli;

import dev.cairn.ci.Comments;
import dev.cairn.ci.ReportWatch;
import dev.cairn.forge.CommentResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "comment", description = {
    "Post a Markdown report on the pull request (or commit, or issue) of the CI run, as cml comment does.",
    "The comment carries a hidden marker; CML's watermark is recognised too."},
    subcommands = {CommentCmd.Create.class, CommentCmd.Update.class})
final class CommentCmd extends GroupCommand {
  @Command(name = "create", description = "Post a new comment; prints its address.")
  static final class Create extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The Markdown report.")
    Path file;

    @Mixin
    CommentOptions options;

    @Mixin
    WatchOptions watch;

    @Override
    int doCall() throws Exception {
      return post(this, file, options, false, watch);
    }
  }

  @Command(name = "update", description = {
      "Edit our newest marked comment on the target (written by the token's user), or post one; prints its address."})
  static final class Update extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The Markdown report.")
    Path file;

    @Mixin
    CommentOptions options;

    @Mixin
    WatchOptions watch;

    @Override
    int doCall() throws Exception {
      return post(this, file, options, true, watch);
    }
  }

  static int post(BaseCommand cmd, Path file, CommentOptions options, boolean update, WatchOptions watch)
      throws Exception {
    Path report = cmd.workDir().resolve(file);
    java.time.Duration timeout = watch.timeout();
    if (!watch.watch) {
      CommentResult r = Comments.post(report, CiRunPrinter.request(options), update, cmd.env(), cmd.err()::println);
      cmd.out().println(r.url());
      return 0;
    }
    // the first post creates (or, for update, edits); every later one edits that comment in place
    ReportWatch w = ReportWatch.of(report).setTimeout(timeout).setListener(cmd.err()::println);
    int posts = w.run(first -> {
      CommentResult r = Comments.post(report, CiRunPrinter.request(options), update || !first, cmd.env(),
          cmd.err()::println);
      if (first) {
        cmd.out().println(r.url());
        cmd.out().flush();
      }
      cmd.info((first ? "Posted " : "Updated ") + r.url());
    });
    cmd.info("Watch ended: the report was posted " + posts + (posts == 1 ? " time" : " times"));
    return 0;
  }
}
