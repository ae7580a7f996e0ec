package dev.cairn.repro;

import dev.cairn.format.CodePointOrder;
import dev.cairn.workspace.DvcIgnore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code dvc.yaml} and {@code .dvc} files of a workspace in one walk that skips {@code .git}, {@code .dvc},
 * what {@code .dvcignore} excludes, and directories tracked by a sibling {@code <name>.dvc} file (so a
 * tracked data directory of many files is never listed).
 */
final class DvcYamlFinder {
  private final Path root;
  private final DvcIgnore ignore;
  private final List<Path> dvcFiles = new ArrayList<>();

  DvcYamlFinder(Path root) {
    this.root = root;
    this.ignore = new DvcIgnore(root);
  }

  /** Every {@code dvc.yaml}, sorted by repo-relative path. */
  List<Path> find() throws IOException {
    List<Path> out = new ArrayList<>();
    dvcFiles.clear();
    walk(root, "", out);
    out.sort((a, b) -> CodePointOrder.INSTANCE.compare(rel(a), rel(b)));
    dvcFiles.sort((a, b) -> CodePointOrder.INSTANCE.compare(rel(a), rel(b)));
    return out;
  }

  /** The {@code .dvc} files the last {@link #find} met (not ignored), sorted by repo-relative path. */
  List<Path> dvcFiles() {
    return List.copyOf(dvcFiles);
  }

  private String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private void walk(Path dir, String rel, List<Path> out) throws IOException {
    List<Path> subdirs = new ArrayList<>();
    Set<String> tracked = new HashSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        String r = rel.isEmpty() ? name : rel + "/" + name;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          if (!name.equals(".git") && !name.equals(".dvc") && !ignore.matchesSelf(r, true)) {
            subdirs.add(p);
          }
        } else if (name.equals("dvc.yaml") && Files.isRegularFile(p) && !ignore.matchesSelf(r, false)) {
          out.add(p);
        } else if (name.endsWith(".dvc") && name.length() > 4) {
          tracked.add(name.substring(0, name.length() - 4));
          if (Files.isRegularFile(p) && !ignore.matchesSelf(r, false)) {
            dvcFiles.add(p);
          }
        }
      }
    }
    for (Path d : subdirs) {
      String name = d.getFileName().toString();
      if (!tracked.contains(name)) {
        walk(d, rel.isEmpty() ? name : rel + "/" + name, out);
      }
    }
  }
}
