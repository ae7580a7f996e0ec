package dev.cairn.registry;

import dev.cairn.pipeline.Digests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .dvc} file of an import as DVC writes it: {@code md5} (the stage md5, dvc-format.md
 * §1.5; absent for {@code --no-exec}), {@code frozen: true}, {@code deps} (one), {@code outs} (one),
 * in that order; the output's hash fields in DVC's order ({@code md5, size, nfiles, isexec, hash,
 * path}), or only {@code hash: md5, path} when nothing was downloaded.
 */
public final class ImportStage {
  private ImportStage() {}

  /**
   * A new import file.
   *
   * @param dep the dep map ({@link RepoDep#toMap()} or an {@code import-url} dep)
   * @param outPath the output's path relative to the file's directory
   * @param data the downloaded data, or null ({@code --no-exec}, {@code --no-download})
   * @param withMd5 whether to record the stage md5 (everything but {@code --no-exec})
   */
  public static Map<String, Object> create(Map<String, Object> dep, String outPath, Materialized data,
      boolean withMd5) {
    Map<String, Object> file = new LinkedHashMap<>();
    if (withMd5) {
      file.put("md5", "");
    }
    file.put("frozen", true);
    List<Object> deps = new ArrayList<>();
    deps.add(dep);
    file.put("deps", deps);
    List<Object> outs = new ArrayList<>();
    outs.add(out(outPath, data));
    file.put("outs", outs);
    if (withMd5) {
      file.put("md5", stageMd5(file));
    }
    return file;
  }

  /** An output entry: the hash fields of {@code data} (when given), then {@code hash: md5} and {@code path}. */
  public static Map<String, Object> out(String outPath, Materialized data) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (data != null) {
      putHash(out, data);
    }
    out.put("hash", "md5");
    out.put("path", outPath);
    return out;
  }

  /** Puts {@code md5, size, nfiles, isexec} of {@code data} into {@code out} (existing keys keep their place). */
  static void putHash(Map<String, Object> out, Materialized data) {
    out.put("md5", data.hash().value());
    out.put("size", data.size());
    if (data.isDir()) {
      out.put("nfiles", data.nfiles());
    } else {
      out.remove("nfiles");
    }
    if (data.isExec() && !data.isDir()) {
      out.put("isexec", true);
    } else {
      out.remove("isexec");
    }
  }

  /**
   * Sets the output's hash fields from {@code data} in an existing entry (null clears them, as DVC
   * does for {@code update --no-download}), keeping its other keys and their order; new keys go
   * before {@code hash}/{@code path} when the entry had no hash, as DVC dumps a fresh entry.
   */
  public static void setData(Map<String, Object> out, Materialized data) {
    if (data == null) {
      out.remove("md5");
      out.remove("size");
      out.remove("nfiles");
      out.remove("isexec");
      return;
    }
    if (out.containsKey("md5")) {
      putHash(out, data);
      return;
    }
    Map<String, Object> rest = new LinkedHashMap<>(out);
    out.clear();
    putHash(out, data);
    rest.remove("size");
    rest.remove("nfiles");
    rest.remove("isexec");
    out.putAll(rest);
    out.putIfAbsent("hash", "md5");
  }

  /** The stage md5 of an import file's contents (DVC's {@code compute_md5}). */
  public static String stageMd5(Map<String, Object> file) {
    return Digests.stageMd5(file);
  }

  /** Recomputes the {@code md5} key of an import file's contents in place (added first if missing). */
  public static void refreshMd5(Map<String, Object> file) {
    String md5 = stageMd5(file);
    if (file.containsKey("md5")) {
      file.put("md5", md5);
    } else {
      Map<String, Object> rest = new LinkedHashMap<>(file);
      file.clear();
      file.put("md5", md5);
      file.putAll(rest);
    }
  }
}
