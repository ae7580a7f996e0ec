package dev.cairn.revision;

import dev.cairn.format.StructuredFiles;
import dev.cairn.hash.EntryHash;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tracked outputs a revision records: the {@code outs} of every {@code *.dvc} file and of every
 * stage in every {@code dvc.lock} (paths through the stage's {@code wdir} from the revision's {@code
 * dvc.yaml}), by repo-relative path; a directory's path ends with {@code /}. A file that cannot be
 * parsed contributes nothing (the pipeline commands report it).
 */
public final class RecordedOutputs {
  private RecordedOutputs() {}

  /**
   * A recorded output.
   *
   * @param hash the recorded hash ({@code md5}, else {@code etag} or {@code checksum}), {@code ""} when none
   * @param size the recorded size, -1 when none
   * @param legacy when the entry has no {@code hash: md5} (DVC 2)
   */
  public record Out(String hash, long size, boolean legacy) {}

  /** The outputs {@code files} records, sorted by path. */
  public static Map<String, Out> of(RevisionFiles files) throws IOException {
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
