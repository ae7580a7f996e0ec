package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.MoveCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn move} (alias {@code mv}): DVC's command of that name. */
@Command(name = "move", aliases = "mv", description = {
    "Rename or move a file or directory tracked by a .dvc file, and its .dvc file with it (data.dvc becomes"
        + " <dst>.dvc next to the new path; a .dvc file named otherwise only gets the new path). The"
        + " .gitignore line moves too. When <dst> is an existing directory the data goes inside it under its"
        + " own name. Outputs of dvc.yaml stages cannot be moved: edit dvc.yaml instead."})
final class MoveCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<src>", description = "The tracked file or directory.")
  String src;

  @Parameters(index = "1", paramLabel = "<dst>", description = "The new path, or an existing directory to move it into.")
  String dst;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      MoveCommand.MoveResult r = cairn.move().setPaths(resolve(src), resolve(dst)).call();
      info("Moved '" + r.from() + "' to '" + r.to() + "' (" + r.dvcFile() + ").");
    }
    return 0;
  }
}
