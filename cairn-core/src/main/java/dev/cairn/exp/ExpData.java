package dev.cairn.exp;

import dev.cairn.hash.EntryHash;
import dev.cairn.metrics.RevisionResult;
import dev.cairn.revision.RecordedOutputs;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code exp show} reads from one revision (DVC's {@code SerializableExp}): its commit time,
 * params and metrics files, the hashes of its stage dependencies and its non-metric, non-plot
 * outputs.
 *
 * @param rev the full commit SHA, or {@code "workspace"}
 * @param timestamp the commit time in the local zone, null for the workspace
 * @param params the params files (DVC's {@code params show} shape), never a revision-level error
 * @param metrics the metrics files, never a revision-level error
 * @param deps stage dependency path → hash, in path order
 * @param outs output path → hash and flags, in path order
 */
public record ExpData(String rev, LocalDateTime timestamp, RevisionResult params, RevisionResult metrics,
    Map<String, Dep> deps, Map<String, Out> outs) {
  public ExpData {
    deps = Collections.unmodifiableMap(new LinkedHashMap<>(deps));
    outs = Collections.unmodifiableMap(new LinkedHashMap<>(outs));
  }

  /** A recorded dependency: hash value, size and file count ({@code null} when not recorded). */
  public record Dep(String hash, Long size, Long nfiles) {
    /** What a lock entry records for a dependency ({@code h} null when nothing). */
    static Dep of(EntryHash h) {
      return h == null ? new Dep(null, null, null) : new Dep(h.value(), h.size(), h.nfiles());
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hash", hash);
      m.put("size", size);
      m.put("nfiles", nfiles);
      return m;
    }
  }

  /** A recorded output; {@code isDataSource} for outputs of {@code .dvc} files. */
  public record Out(String hash, Long size, Long nfiles, boolean useCache, boolean isDataSource) {
    /** What a revision records for an output. */
    static Out of(RecordedOutputs.Out o) {
      EntryHash h = o.hash();
      return new Out(h == null ? null : h.value(), h == null ? null : h.size(), h == null ? null : h.nfiles(),
          o.cache(), o.kind() == RecordedOutputs.Kind.DATA);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("hash", hash);
      m.put("size", size);
      m.put("nfiles", nfiles);
      m.put("use_cache", useCache);
      m.put("is_data_source", isDataSource);
      return m;
    }
  }

  /** DVC's JSON form: {@code rev, timestamp (ISO), params, metrics, deps, outs, meta}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rev", rev);
    m.put("timestamp", timestamp == null ? null : timestamp.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
    m.put("params", files(params));
    m.put("metrics", files(metrics));
    Map<String, Object> d = new LinkedHashMap<>();
    deps.forEach((k, v) -> d.put(k, v.toJson()));
    m.put("deps", d);
    Map<String, Object> o = new LinkedHashMap<>();
    outs.forEach((k, v) -> o.put(k, v.toJson()));
    m.put("outs", o);
    m.put("meta", new LinkedHashMap<>());
    return m;
  }

  private static Map<String, Object> files(RevisionResult r) {
    Map<String, Object> out = new LinkedHashMap<>();
    r.files().forEach((k, v) -> out.put(k, v.toJson()));
    return out;
  }
}
