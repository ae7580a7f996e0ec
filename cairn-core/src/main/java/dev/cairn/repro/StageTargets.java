package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits command targets into pipeline stages ({@code train}, {@code dvc.yaml:train}, {@code
 * dir/dvc.yaml}) and paths ({@code .dvc} files and outputs), for commands that handle both.
 *
 * @param stages stage addresses named by targets
 * @param paths the other targets
 */
public record StageTargets(List<String> stages, List<Path> paths) {
  /** Splits {@code targets} (relative to the root or absolute) using the stages {@code index} knows. */
  public static StageTargets split(Repo repo, PipelineIndex index, List<Path> targets) {
    List<String> stages = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (Path t : targets) {
      List<String> found = List.of();
      if (!index.isEmpty()) {
        Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
        String rel = abs.startsWith(repo.root()) ? repo.relativize(abs) : t.toString();
        try {
          // a .dvc file is a path here: these commands handle tracked outputs themselves
          found = index.resolveTargets(List.of(rel), repo.root()).stream()
              .filter(a -> index.dag().stage(a) != null).toList();
        } catch (CairnException e) {
          found = List.of();
        }
      }
      if (found.isEmpty()) {
        paths.add(t);
      } else {
        found.stream().filter(a -> !stages.contains(a)).forEach(stages::add);
      }
    }
    return new StageTargets(stages, paths);
  }

  /** Whether only stages were named (so {@code .dvc} outputs are not selected at all). */
  public boolean onlyStages(List<Path> targets) {
    return !targets.isEmpty() && paths.isEmpty();
  }
}
