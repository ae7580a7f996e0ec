package dev.cairn.repro;

import dev.cairn.pipeline.ParamsSource;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import dev.cairn.pipeline.StageStatus;
import dev.cairn.pipeline.StatusChecker;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status} of pipeline stages (reference §6.1): each stage compared with its {@code dvc.lock}
 * entry and the workspace through the state-cached hasher, by the pipeline package's {@link
 * StatusChecker}.
 */
final class PipelineStatus {
  private PipelineStatus() {}

  /**
   * The status of the given stages, in the order given.
   *
   * @param addresses stage addresses of {@code index}
   */
  public static List<StageStatus> of(Repo repo, PipelineIndex index, List<String> addresses)
      throws IOException, PipelineException {
    StatusChecker checker = new StatusChecker(repo.root(), new RepoHashes(repo.root(), repo.hasher(), repo.odb()),
        new CachedParams(ParamsSource.FILES));
    List<StageStatus> out = new ArrayList<>();
    for (String a : addresses) {
      Stage s = index.dag().stage(a);
      out.add(checker.status(s, index.lockEntry(s)));
    }
    return out;
  }
}
