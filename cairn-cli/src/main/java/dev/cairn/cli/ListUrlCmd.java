package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.registry.UrlSource;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls-url", aliases = "list-url", description = {
    "List the contents of a URL (see 'cairn import-url --help' for the URLs): a directory's files and first-level directories, or every file below it with -R. No repository is needed."})
final class ListUrlCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<url>", description = "Location to list.")
  String url;

  @Option(names = {"-R", "--recursive"}, description = "Recursively list files.")
  boolean recursive;

  @Option(names = "--size", description = "Show sizes.")
  boolean size;

  @Override
  int doCall() throws Exception {
    List<UrlSource.Entry> entries = Cairn.listUrl(url).setBaseDir(workDir()).setRecursive(recursive).setSizes(size)
        .setRepoConfig(GetUrlCmd.repoConfig(this)).call();
    if (!size) {
      for (UrlSource.Entry e : entries) {
        out().println(e.path());
      }
      return 0;
    }
    int w = 0;
    String[] sizes = new String[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      UrlSource.Entry e = entries.get(i);
      sizes[i] = e.size() == null || (e.isDir() && e.size() <= 0) ? "" : ListCmd.naturalSize(e.size());
      w = Math.max(w, sizes[i].length());
    }
    int pw = 0;
    for (UrlSource.Entry e : entries) {
      pw = Math.max(pw, e.path().codePointCount(0, e.path().length()));
    }
    for (int i = 0; i < entries.size(); i++) {
      String p = entries.get(i).path();
      out().println(" ".repeat(w - sizes[i].length()) + sizes[i] + "  " + p
          + " ".repeat(pw - p.codePointCount(0, p.length())));
    }
    return 0;
  }
}
