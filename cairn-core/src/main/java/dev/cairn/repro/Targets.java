package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.Tracked;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Selects tracked outputs by target paths (an output path or its {@code .dvc} file). */
public final class Targets {
  private Targets() {}

  /**
   * The outputs of {@code all} that {@code targets} name (all of them when there are no targets).
   *
   * @throws CairnException of kind {@code INVALID_INPUT} for a target that names no tracked output
   */
  public static List<Tracked> select(Repo repo, List<Tracked> all, List<Path> targets) throws CairnException {
    if (targets.isEmpty()) {
      return all;
    }
    List<Tracked> out = new ArrayList<>();
    for (Path t : targets) {
      Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
      boolean found = false;
      for (Tracked tr : all) {
        if (tr.file().toAbsolutePath().normalize().equals(abs) || tr.path().equals(abs) || abs.startsWith(tr.path())
            || tr.owner().equals(t.toString())) {
          if (!out.contains(tr)) {
            out.add(tr);
          }
          found = true;
        }
      }
      if (!found) {
        throw CairnException.invalidInput("'" + t + "' is not a tracked output or .dvc file;"
            + " see 'cairn status' for what is tracked");
      }
    }
    return out;
  }
}
