package dev.cairn.revision;

import dev.cairn.format.CodePointOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
    return Optional.of(Files.readAllBytes(p.get()));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    Optional<Path> p = resolve(dir);
    if (p.isEmpty() || !Files.isDirectory(p.get())) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(p.get())) {
      s.filter(Files::isRegularFile).forEach(f -> {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!rel.startsWith(".git/") && !rel.startsWith(".dvc/")) {
          out.add(rel);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(CodePointOrder.INSTANCE);
    return out;
  }
}
