package dev.cairn.cli;

import dev.cairn.ci.Comments;
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

    @Override
    int doCall() throws Exception {
      return post(this, file, options, false);
    }
  }

  @Command(name = "update", description = {
      "Edit our newest marked comment on the target (written by the token's user), or post one; prints its address."})
  static final class Update extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The Markdown report.")
    Path file;

    @Mixin
    CommentOptions options;

    @Override
    int doCall() throws Exception {
      return post(this, file, options, true);
    }
  }

  static int post(BaseCommand cmd, Path file, CommentOptions options, boolean update) throws Exception {
    CommentResult r = Comments.post(cmd.workDir().resolve(file), CiRunPrinter.request(options), update, cmd.env(), cmd.err()::println);
    cmd.out().println(r.url());
    return 0;
  }
}
