package dev.cairn.revision;

import dev.cairn.format.CodePointOrder;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The working tree as a {@link RevisionFiles}. Paths that would leave the root ({@code ..}) read as
 * missing. Listings skip {@code .git} and {@code .dvc} and do not follow symlinks.
 */
public final class WorkspaceFiles implements RevisionFiles {
  private final Path root;

  public WorkspaceFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The repository root this view reads. */
  public Path root() {
    return root;
  }

  private Optional<Path> resolve(String path) {
    String n = RevisionFiles.normalize(path);
    if (n.equals("..") || n.startsWith("../")) {
      return Optional.empty();
    }
    return Optional.of(n.isEmpty() ? root : root.resolve(n));
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    Optional<Path> p = resolve(path);
    if (p.isEmpty() || !Files.isRegularFile(p.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(p.get()));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // deleted since the check: as missing as it now is
    }
  }

  /**
   * The regular files under {@code dir} (and symlinks to regular files), relative to the root, in
   * code-point order. Files and directories that another process deletes during the walk (a queued
   * experiment's run, git) are left out rather than failing the listing.
   */
  @Override
  public List<String> list(String dir) throws IOException {
    Optional<Path> p = resolve(dir);
    if (p.isEmpty() || !Files.isDirectory(p.get())) {
      return List.of();
    }
    Path git = root.resolve(".git");
    Path dvc = root.resolve(".dvc");
    List<String> out = new ArrayList<>();
    Files.walkFileTree(p.get(), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        return d.equals(git) || d.equals(dvc) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(f))) {
          out.add(root.relativize(f).toString().replace('\\', '/'));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(CodePointOrder.INSTANCE);
    return out;
  }
}
