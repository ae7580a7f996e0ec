package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.internal.FileTrees;
import dev.cairn.repo.Repo;
import dev.cairn.storage.StaleTemps;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code exp clean}: removes what interrupted experiment runs left behind, as {@code dvc exp clean}
 * cleans its task queue's leftovers: the temporary workspaces under {@code .dvc/tmp/exps/} of
 * {@code exp run --run-all} and {@code --temp} runs that were killed. Only workspaces in which
 * nothing changed for 24 hours ({@link StaleTemps#AGE}) are removed, so a run in progress (in this
 * or another process) is never touched. Queued entries and experiments are kept.
 */
public final class ExpCleanCommand extends RepoCommand<List<Path>> {
  private Clock clock = Clock.systemUTC();

  ExpCleanCommand(Repo repo) {
    super(repo);
  }

  /** The clock staleness is judged by (tests). */
  ExpCleanCommand setClock(Clock c) {
    clock = c;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  /** Returns the workspaces removed. */
  @Override
  List<Path> run() throws IOException, CairnException {
    Path exps = repo.dvcDir().resolve("tmp").resolve("exps");
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(exps)) {
      return removed;
    }
    Instant now = clock.instant();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(exps, "tmp*")) {
      for (Path d : ds) {
        if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && untouched(d, now)) {
          FileTrees.delete(d);
          removed.add(d);
        }
      }
    }
    return removed;
  }

  /** Whether nothing under {@code dir} (itself included) changed within {@link StaleTemps#AGE} before {@code now}. */
  private static boolean untouched(Path dir, Instant now) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!StaleTemps.isStale(p, now)) {
          return false;
        }
      }
    }
    return true;
  }
}
