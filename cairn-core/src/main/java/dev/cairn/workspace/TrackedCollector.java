package dev.cairn.workspace;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every {@code .dvc} file of the workspace in one walk, without descending into the outputs
 * they track (a tracked directory of 100k files is never listed here), into {@code .git}, {@code
 * .dvc}, sub-repositories or what {@code .dvcignore} excludes.
 */
public final class TrackedCollector {
  private final Path root;
  private final DvcIgnore ignore;

  public TrackedCollector(Path root, DvcIgnore ignore) {
    this.root = root;
    this.ignore = ignore;
  }

  /** All {@code .dvc} files, sorted by path. Malformed files throw {@link InvalidDvcFileException}. */
  public List<DvcFile> dvcFiles() throws IOException {
    List<DvcFile> out = new ArrayList<>();
    walk(root, "", out);
    out.sort((a, b) -> a.file().compareTo(b.file()));
    return out;
  }

  private void walk(Path dir, String rel, List<DvcFile> out) throws IOException {
    List<Path> subdirs = new ArrayList<>();
    Set<Path> outputs = new HashSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        String r = rel.isEmpty() ? name : rel + "/" + name;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          if (!ignore.matchesSelf(r, true)) {
            subdirs.add(p);
          }
        } else if (name.endsWith(DvcFile.SUFFIX) && Files.isRegularFile(p) && !ignore.matchesSelf(r, false)) {
          DvcFile f = DvcFile.read(p);
          out.add(f);
          for (Map<String, Object> o : f.outs()) {
            outputs.add(f.baseDir().resolve(String.valueOf(o.get("path"))).normalize());
          }
        }
      }
    }
    for (Path d : subdirs) {
      if (!outputs.contains(d.toAbsolutePath().normalize())) {
        String name = d.getFileName().toString();
        walk(d, rel.isEmpty() ? name : rel + "/" + name, out);
      }
    }
  }

  /** Every output of every {@code .dvc} file. */
  public List<Tracked> outputs() throws IOException {
    List<Tracked> out = new ArrayList<>();
    for (DvcFile f : dvcFiles()) {
      String owner = root.relativize(f.file().toAbsolutePath()).toString().replace('\\', '/');
      for (Map<String, Object> o : f.outs()) {
        out.add(new Tracked(owner, f.file(), f, o, f.baseDir().resolve(String.valueOf(o.get("path"))).normalize()));
      }
    }
    return out;
  }
}
