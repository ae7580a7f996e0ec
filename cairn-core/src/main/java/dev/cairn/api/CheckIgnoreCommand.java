package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.DvcIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check-ignore}: whether paths are excluded by {@code .dvcignore} (or the built-in patterns,
 * or because they lie in a sub-repository), and which pattern decided, as {@code dvc check-ignore}
 * reports it. Paths outside the repository are never ignored. Read-only.
 */
public final class CheckIgnoreCommand extends RepoCommand<List<CheckIgnoreCommand.Result>> {
  private final List<Path> targets = new ArrayList<>();

  CheckIgnoreCommand(Repo repo) {
    super(repo);
  }

  /**
   * One path's verdict.
   *
   * @param target the path as given (absolute)
   * @param check the verdict, with the deciding patterns; not ignored and no pattern for a path
   *     outside the repository
   */
  public record Result(Path target, DvcIgnore.Check check) {}

  /** A path to check (absolute, or relative to the repository root). */
  public CheckIgnoreCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  List<Result> run() throws IOException, CairnException {
    DvcIgnore ignore = new DvcIgnore(repo.root());
    List<Result> out = new ArrayList<>();
    for (Path t : targets) {
      Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
      if (!abs.startsWith(repo.root()) || abs.equals(repo.root())) {
        out.add(new Result(t, new DvcIgnore.Check(false, List.of(), null)));
        continue;
      }
      out.add(new Result(t, ignore.check(repo.relativize(abs), Files.isDirectory(abs))));
    }
    return out;
  }
}
