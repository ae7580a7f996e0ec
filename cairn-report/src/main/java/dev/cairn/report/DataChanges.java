package dev.cairn.report;

import dev.cairn.format.StructuredFiles;
import dev.cairn.metrics.DvcYamlScan;
import dev.cairn.metrics.RevisionFiles;
import dev.cairn.pipeline.EntryHash;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the tracked outputs recorded in two revisions: the {@code outs} of every {@code *.dvc}
 * file and of every stage in every {@code dvc.lock} (paths through the stage's {@code wdir} from the
 * revision's {@code dvc.yaml}). Outputs are matched by repo-relative path and compared by hash. A
 * file that cannot be parsed contributes nothing (the pipeline commands report it).
 */
public final class DataChanges {
  private DataChanges() {}

  /** A recorded output; {@code legacy} when the entry has no {@code hash: md5} (DVC 2). */
  record Out(String hash, long size, boolean legacy) {}

  /** Added, modified and deleted outputs, sorted by path. */
  public static List<DataChange> between(RevisionFiles base, RevisionFiles head) throws IOException {
    Map<String, Out> a = outputs(base);
    Map<String, Out> b = outputs(head);
    List<DataChange> out = new ArrayList<>();
    TreeMap<String, Boolean> paths = new TreeMap<>();
    a.keySet().forEach(p -> paths.put(p, true));
    b.keySet().forEach(p -> paths.put(p, true));
    for (String p : paths.keySet()) {
      Out x = a.get(p);
      Out y = b.get(p);
      if (x == null) {
        out.add(new DataChange(p, DataChange.Kind.ADDED, "", y.hash(), -1, y.size()));
      } else if (y == null) {
        out.add(new DataChange(p, DataChange.Kind.DELETED, x.hash(), "", x.size(), -1));
      } else if (!x.hash().equals(y.hash())) {
        out.add(new DataChange(p, DataChange.Kind.MODIFIED, x.hash(), y.hash(), x.size(), y.size()));
      }
    }
    return out;
  }

  static Map<String, Out> outputs(RevisionFiles files) throws IOException {
    Map<String, Out> out = new TreeMap<>();
    for (String p : files.list("")) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      String dir = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/'));
      if (name.equals("dvc.lock")) {
        addLockOuts(out, files, p, dir);
      } else if (name.endsWith(".dvc") && name.length() > 4) {
        Map<?, ?> doc = load(files, p);
        if (doc != null) {
          String wdir = doc.get("wdir") instanceof String w ? join(dir, w) : dir;
          addOuts(out, wdir, doc.get("outs"));
        }
      }
    }
    return out;
  }

  private static void addLockOuts(Map<String, Out> out, RevisionFiles files, String lockPath, String dir)
      throws IOException {
    Optional<byte[]> bytes = files.read(lockPath);
    LockFile lock;
    try {
      lock = LockFile.parse(bytes.isEmpty() ? "" : new String(bytes.get(), StandardCharsets.UTF_8), lockPath);
    } catch (PipelineException e) {
      return;
    }
    Optional<Pipeline> pipeline;
    try {
      pipeline = DvcYamlScan.pipeline(files, join(dir, "dvc.yaml"));
    } catch (PipelineException e) {
      pipeline = Optional.empty(); // paths then relative to the lock's directory
    }
    for (String stage : lock.stageNames()) {
      String wdir = pipeline.flatMap(pl -> pl.stage(stage)).map(Stage::wdir).orElse(".");
      for (LockItem item : lock.entry(stage).orElseThrow().outs()) {
        EntryHash h = item.hash();
        String hash = h == null || h.value() == null ? "" : h.value();
        long size = h == null || h.size() == null ? -1 : h.size();
        String path = join(join(dir, wdir), item.path());
        out.put(hash.endsWith(".dir") ? path + "/" : path, new Out(hash, size, item.legacy()));
      }
    }
  }

  private static void addOuts(Map<String, Out> out, String dir, Object outs) {
    if (!(outs instanceof List<?> list)) {
      return;
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && m.get("path") instanceof String path) {
        Object hash = m.get("md5") != null ? m.get("md5") : m.get("etag") != null ? m.get("etag") : m.get("checksum");
        long size = m.get("size") instanceof Number n ? n.longValue() : -1;
        String h = hash == null ? "" : String.valueOf(hash);
        String p = join(dir, path);
        out.put(h.endsWith(".dir") ? p + "/" : p, new Out(h, size, !"md5".equals(m.get("hash"))));
      }
    }
  }

  private static String join(String dir, String path) {
    return DvcYamlScan.join(dir, path);
  }

  private static Map<?, ?> load(RevisionFiles files, String path) throws IOException {
    Optional<byte[]> bytes = files.read(path);
    if (bytes.isEmpty()) {
      return null;
    }
    try {
      return StructuredFiles.parseYaml(new String(bytes.get(), StandardCharsets.UTF_8), path) instanceof Map<?, ?> m
          ? m : null;
    } catch (StructuredFiles.ParseException e) {
      return null;
    }
  }
}
