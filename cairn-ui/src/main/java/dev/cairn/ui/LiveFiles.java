package dev.cairn.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files a training run writes with {@code cairn-live} or DVCLive ({@code <dir>/metrics.json}
 * and the step histories {@code <dir>/plots/metrics/**.tsv}), found in the workspace and in the
 * temp workspaces of queued runs ({@code .dvc/tmp/exps/}), read while they change.
 */
final class LiveFiles {
  private static final int MAX_DEPTH = 4;
  private static final int MAX_POINTS = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  LiveFiles(Path root) {
    this.root = root;
  }

  /** The live directories: those holding {@code metrics.json} or {@code plots/metrics}, repo-relative. */
  List<Path> find() throws IOException {
    List<Path> out = new ArrayList<>();
    scan(root, out);
    Path exps = root.resolve(".dvc/tmp/exps");
    if (Files.isDirectory(exps)) {
      scan(exps, out);
    }
    return out;
  }

  private void scan(Path start, List<Path> out) throws IOException {
    Files.walkFileTree(start, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH + 3,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(start) && (name.startsWith(".") || name.equals("node_modules") || name.equals("target"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isDirectory(dir.resolve("plots/metrics"))
                || (name.equals("dvclive") && Files.isRegularFile(dir.resolve("metrics.json")))) {
              out.add(root.relativize(dir));
              return FileVisitResult.SKIP_SUBTREE;
            }
            return start.relativize(dir).getNameCount() >= MAX_DEPTH ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Modification times and sizes of the live files of {@code dirs}: equal strings, unchanged files. */
  String fingerprint(List<Path> dirs) {
    StringBuilder b = new StringBuilder();
    for (Path d : dirs) {
      for (Path f : files(root.resolve(d))) {
        try {
          b.append(f).append('@').append(Files.getLastModifiedTime(f).toMillis()).append('/').append(Files.size(f))
              .append(';');
        } catch (IOException e) {
          b.append(f).append("@gone;");
        }
      }
    }
    return b.toString();
  }

  private static List<Path> files(Path dir) {
    List<Path> out = new ArrayList<>();
    Path m = dir.resolve("metrics.json");
    if (Files.isRegularFile(m)) {
      out.add(m);
    }
    Path plots = dir.resolve("plots/metrics");
    if (Files.isDirectory(plots)) {
      try (Stream<Path> s = Files.walk(plots, 4)) {
        s.filter(p -> p.toString().endsWith(".tsv") && Files.isRegularFile(p)).sorted().forEach(out::add);
      } catch (IOException e) {
        // a run may delete and rewrite the directory; the next poll sees it again
      }
    }
    return out;
  }

  /** What {@code dirs} hold now: per directory its summary metrics and step curves. */
  List<Map<String, Object>> read(List<Path> dirs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path d : dirs) {
      Path dir = root.resolve(d);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dir", d.toString().replace('\\', '/'));
      long updated = 0;
      Object metrics = null;
      Path mf = dir.resolve("metrics.json");
      try {
        if (Files.isRegularFile(mf)) {
          updated = Files.getLastModifiedTime(mf).toMillis();
          metrics = JSON.readValue(Files.readString(mf, StandardCharsets.UTF_8), Object.class);
        }
      } catch (IOException e) {
        metrics = null; // caught mid-write by a writer that is not atomic: the next change re-reads it
      }
      Map<String, Object> curves = new LinkedHashMap<>();
      Path plots = dir.resolve("plots/metrics");
      for (Path f : files(dir)) {
        if (!f.startsWith(plots)) {
          continue;
        }
        try {
          updated = Math.max(updated, Files.getLastModifiedTime(f).toMillis());
          String name = plots.relativize(f).toString().replace('\\', '/');
          curves.put(name.substring(0, name.length() - 4), curve(Files.readAllLines(f, StandardCharsets.UTF_8)));
        } catch (IOException e) {
          // as above
        }
      }
      m.put("updated", updated);
      m.put("running", running(dir, updated));
      m.put("metrics", metrics);
      m.put("curves", curves);
      out.add(m);
    }
    return out;
  }

  /** A live directory counts as running while it changed in the last this many milliseconds. */
  static final long RUNNING_MS = 10_000;

  /**
   * Whether a run seems to be writing {@code dir} now: it changed in the last {@link #RUNNING_MS} ms
   * and after the {@code dvc.lock} of its project (which a finished run writes last).
   */
  private boolean running(Path dir, long updated) {
    if (System.currentTimeMillis() - updated >= RUNNING_MS) {
      return false;
    }
    for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("dvc.yaml"))) {
        try {
          Path lock = p.resolve("dvc.lock");
          return !Files.exists(lock) || Files.getLastModifiedTime(lock).toMillis() < updated;
        } catch (IOException e) {
          return true;
        }
      }
    }
    return true;
  }

  /** A TSV with a header {@code step<TAB>name[<TAB>timestamp]}: its (step, value) points. */
  static List<double[]> curve(List<String> lines) {
    List<double[]> pts = new ArrayList<>();
    if (lines.isEmpty()) {
      return pts;
    }
    String[] head = lines.get(0).split("\t", -1);
    int step = -1;
    int value = -1;
    for (int i = 0; i < head.length; i++) {
      if (head[i].equals("step")) {
        step = i;
      } else if (!head[i].equals("timestamp") && value < 0) {
        value = i;
      }
    }
    if (value < 0) {
      return pts;
    }
    for (int i = Math.max(1, lines.size() - MAX_POINTS); i < lines.size(); i++) {
      String[] cols = lines.get(i).split("\t", -1);
      try {
        double x = step >= 0 && step < cols.length ? Double.parseDouble(cols[step]) : i - 1;
        if (value < cols.length) {
          pts.add(new double[] {x, Double.parseDouble(cols[value])});
        }
      } catch (NumberFormatException e) {
        // a partly written last line
      }
    }
    return pts;
  }
}
