package dev.cairn.cli;

import dev.cairn.api.Cairn;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code cairn root}: the repository root relative to the working directory. */
@Command(name = "root", description = {
    "Print the path of the repository's root (the directory holding .dvc/) relative to the working directory:"
        + " '.' at the root, '..' one level below it. Useful in scripts: cd \"$(cairn root)\"."})
final class RootCmd extends BaseCommand {
  @Override
  int doCall() throws Exception {
    Path root = Cairn.findRoot(workDir());
    String rel = workDir().relativize(root).toString();
    out().println(rel.isEmpty() ? "." : rel);
    return 0;
  }
}
