package dev.cairn.cli;

import dev.cairn.ci.Assets;
import dev.cairn.forge.ImageLink;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "asset", description = "Store files where the forge hosts attachments, as cml asset publish does.",
    subcommands = AssetCmd.Publish.class)
final class AssetCmd extends GroupCommand {
  @Command(name = "publish", description = {
      "Upload a file (an image, a plot, a log) where the forge itself serves it, with the repository's visibility, and print its address (or Markdown with --md): GitHub: the cairn-assets branch (needs 'contents: write'); GitLab: project uploads; Gitea/Forgejo: an attachment of the pull request or issue; Bitbucket Cloud: the repository's downloads; Azure DevOps: an attachment of the pull request. Bitbucket Server documents no upload: use --url.",
      "Outside CI give --forge and --repo (and --target pr/<n> where the file attaches to a pull request)."})
  static final class Publish extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The file to upload.")
    Path file;

    @Option(names = "--md", description = "Print Markdown: ![title](url) for images and videos, [title](url) otherwise.")
    boolean md;

    @Option(names = {"-t", "--title"}, paramLabel = "<title>", description = "The Markdown's text. Default: the file name.")
    String title;

    @Option(names = "--mime-type", paramLabel = "<type>", description = "The media type. Default: from the file name (application/octet-stream when unknown).")
    String mimeType;

    @Option(names = {"--url", "--publish-url"}, paramLabel = "<url>", description = "Upload to this asset server instead (a PUT; the address comes from its Location header or body).")
    String url;

    @Option(names = "--target", paramLabel = "<target>", defaultValue = "auto", description = "Where the file belongs, for forges that attach it to a pull request or issue: auto, pr, pr/<n> or issue/<n>. Default: ${DEFAULT-VALUE}.")
    String target;

    @Mixin
    ForgeOptions forge;

    @Override
    int doCall() throws Exception {
      ImageLink link = Assets.publish(workDir().resolve(file), forge.request(null), target, url, mimeType, title, env());
      out().println(md ? link.markdown() : link.url());
      return 0;
    }
  }
}
