package dev.cairn.api;

import dev.cairn.api.errors.NotARepositoryException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the porcelain. {@code Cairn.open(dir)} finds the repository containing {@code
 * dir}; each verb returns a single-use command object to configure and {@code call()}.
 *
 * <pre>{@code
 * try (Cairn cairn = Cairn.open(dir)) {
 *   AddResult r = cairn.add().addPath("data").call();
 * }
 * }</pre>
 */
public final class Cairn implements AutoCloseable {
  private final Repo repo;

  private Cairn(Repo repo) {
    this.repo = repo;
  }

  /**
   * Opens the repository containing {@code dir} (searching upwards for {@code .dvc/}).
   *
   * @throws NotARepositoryException if there is none
   */
  public static Cairn open(Path dir) throws NotARepositoryException {
    Path d = dir.toAbsolutePath().normalize();
    for (Path p = d; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".dvc"))) {
        return new Cairn(new Repo(p));
      }
    }
    throw new NotARepositoryException("Not a DVC/Cairn repository: " + d
        + " (no .dvc directory here or above); run 'cairn init' first");
  }

  /** The open repository. */
  public Repo repo() {
    return repo;
  }

  @Override
  public void close() {}
}
