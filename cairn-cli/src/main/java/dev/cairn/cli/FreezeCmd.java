package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.FreezeCommand;
import dev.cairn.errors.CairnException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code freeze} and {@code unfreeze}: DVC's commands of those names. */
final class FreezeCmd {
  private FreezeCmd() {}

  abstract static class Base extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "<target>", description = "Stages (train, dvc.yaml:train,"
        + " sub/dvc.yaml:train) or .dvc files.")
    List<String> targets = new ArrayList<>();

    abstract boolean frozen();

    @Override
    int doCall() throws Exception {
      int code = 0;
      try (Cairn cairn = open()) {
        for (String t : targets) {
          FreezeCommand cmd = frozen() ? cairn.freeze() : cairn.unfreeze();
          try {
            cmd.setWorkingDirectory(workDir()).addTarget(t).call();
          } catch (CairnException e) {
            err().println("ERROR: failed to " + (frozen() ? "freeze" : "unfreeze") + " '" + t + "': " + e.getMessage());
            code = Math.max(code, e.kind().exitCode());
          }
        }
      }
      return code;
    }
  }

  @Command(name = "freeze", description = {
      "Freeze stages or .dvc files: writes 'frozen: true' into dvc.yaml or the .dvc file, as DVC does. repro"
          + " then never runs a frozen stage (it only verifies that its outputs exist) and status ignores changes"
          + " to its dependencies; undo with unfreeze."})
  static final class Freeze extends Base {
    @Override
    boolean frozen() {
      return true;
    }
  }

  @Command(name = "unfreeze", description = {"Unfreeze stages or .dvc files: removes 'frozen: true', as DVC does."})
  static final class Unfreeze extends Base {
    @Override
    boolean frozen() {
      return false;
    }
  }
}
