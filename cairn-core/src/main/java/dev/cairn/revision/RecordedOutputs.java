package dev.cairn.revision;

import dev.cairn.format.StructuredFiles;
import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.Stage;
import dev.cairn.workspace.DvcFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tracked outputs a revision records: the {@code outs} of every {@code *.dvc} file and of every
 * stage in every {@code dvc.lock} (paths through the stage's {@code wdir} from the revision's {@code
 * dvc.yaml}), by repo-relative path, with the hashes and meta they record; and the {@code deps} the
 * lock files record for their stages. A file that cannot be parsed contributes nothing (the
 * pipeline commands report it). The one reader of what a revision records, for the report's data
 * changes, the cache reader and {@code exp show}.
 */
public final class RecordedOutputs {
  private RecordedOutputs() {}

  /**
   * A recorded output.
   *
   * @param hash the recorded hash with its meta ({@code md5}, else {@code etag} or {@code
   *     checksum}), null when none is recorded
   * @param legacy when the entry has no {@code hash: md5} (DVC 2)
   * @param cache false for {@code cache: false} (in the {@code .dvc} entry, or in the stage's
   *     declaration in {@code dvc.yaml})
   * @param kind where it is recorded and how it is declared
   */
  public record Out(EntryHash hash, boolean legacy, boolean cache, Kind kind) {
    /** The recorded hash value, {@code ""} when none. */
    public String value() {
      return hash == null || hash.value() == null ? "" : hash.value();
    }

    /** The recorded size, -1 when none. */
    public long size() {
      return hash == null || hash.size() == null ? -1 : hash.size();
    }

    /** Whether the recorded hash is a directory's. */
    public boolean isDir() {
      return hash != null && hash.isDir();
    }
  }

  /** Where an output is recorded: a {@code .dvc} file, or a stage's lock entry by its declaration. */
  public enum Kind {
    /** An output of a {@code .dvc} file (a data source). */
    DATA,
    /** A stage's {@code outs} (also when the stage's declaration cannot be read). */
    OUT,
    /** A stage's {@code metrics}. */
    METRIC,
    /** A stage's {@code plots}. */
    PLOT
  }

  /**
   * What a revision records, by repo-relative path (no trailing {@code /} for directories), sorted.
   *
   * @param outs the outputs of {@code .dvc} files and stages
   * @param deps the dependencies of stages, as their lock entries record them (null hash when none)
   */
  public record Recorded(Map<String, Out> outs, Map<String, EntryHash> deps) {}

  /** The outputs {@code files} records, sorted by path; a directory's path ends with {@code /}. */
  public static Map<String, Out> of(RevisionFiles files) throws IOException {
    Map<String, Out> out = new TreeMap<>();
    read(files).outs().forEach((p, o) -> out.put(o.isDir() ? p + "/" : p, o));
    return out;
  }

  /** The outputs and stage dependencies {@code files} records. */
  public static Recorded read(RevisionFiles files) throws IOException {
    Recorded r = new Recorded(new TreeMap<>(), new TreeMap<>());
    for (String p : files.list("")) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      String dir = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/'));
      if (name.equals("dvc.lock")) {
        addLock(r, files, p, dir);
      } else if (name.endsWith(DvcFile.SUFFIX) && name.length() > 4) {
        Map<?, ?> doc = load(files, p);
        if (doc != null) {
          String wdir = doc.get("wdir") instanceof String w ? join(dir, w) : dir;
          addOuts(r.outs(), wdir, doc.get("outs"));
        }
      }
    }
    return r;
  }

  private static void addLock(Recorded r, RevisionFiles files, String lockPath, String dir) throws IOException {
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
    for (String name : lock.stageNames()) {
      Optional<Stage> stage = pipeline.flatMap(pl -> pl.stage(name));
      String wdir = join(dir, stage.map(Stage::wdir).orElse("."));
      for (LockItem item : lock.entry(name).orElseThrow().outs()) {
        dev.cairn.pipeline.Out decl = stage.flatMap(s -> s.outs().stream()
            .filter(o -> o.path().equals(item.path())).findFirst()).orElse(null);
        Kind kind = decl == null ? Kind.OUT : switch (decl.kind()) {
          case OUT -> Kind.OUT;
          case METRIC -> Kind.METRIC;
          case PLOT -> Kind.PLOT;
        };
        r.outs().put(join(wdir, item.path()), new Out(item.hash(), item.legacy(), decl == null || decl.cache(), kind));
      }
      for (LockItem item : lock.entry(name).orElseThrow().deps()) {
        r.deps().put(join(wdir, item.path()), item.hash());
      }
    }
  }

  private static void addOuts(Map<String, Out> out, String dir, Object outs) {
    if (!(outs instanceof List<?> list)) {
      return;
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && m.get("path") instanceof String path) {
        out.put(join(dir, path), new Out(DvcFile.hash(m), !HashInfo.MD5.equals(m.get("hash")),
            !Boolean.FALSE.equals(m.get("cache")), Kind.DATA));
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
