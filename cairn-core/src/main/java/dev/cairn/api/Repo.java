package dev.cairn.api;

import java.nio.file.Path;

/**
 * An open repository: its root (the directory holding {@code .dvc/}) and the services commands
 * share. Obtained from {@link Cairn#open}. Not thread-safe for writes; commands that write take the
 * repository lock.
 */
public final class Repo {
  private final Path root;

  Repo(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The repository root, absolute and normalised. */
  public Path root() {
    return root;
  }

  /** The {@code .dvc} directory. */
  public Path dvcDir() {
    return root.resolve(".dvc");
  }
}
