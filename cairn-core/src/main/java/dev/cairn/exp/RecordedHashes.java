package dev.cairn.exp;

import dev.cairn.format.StructuredFiles;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dependency and output hashes one revision records in its {@code dvc.lock} files (stage deps
 * and outs) and {@code .dvc} files (outs, as data sources), read from the revision's files.
 * Metric and plot outputs (by {@code dvc.yaml}) are left out of the outputs, as in DVC's {@code exp
 * show}. Malformed files are skipped.
 */
final class RecordedHashes {
  final Map<String, ExpData.Dep> deps = new TreeMap<>();
  final Map<String, ExpData.Out> outs = new TreeMap<>();

  static RecordedHashes read(RevisionFiles files, List<String> allFiles) throws IOException {
    RecordedHashes r = new RecordedHashes();
    Set<String> metricsOrPlots = new HashSet<>();
    Map<String, Boolean> cacheFlags = new HashMap<>();
    try {
      for (DvcYamlScan.DvcYaml y : DvcYamlScan.loadAll(files)) {
        for (Map<?, ?> stage : DvcYamlScan.stages(y).values()) {
          String wdir = DvcYamlScan.wdir(y, stage);
          for (String kind : List.of("outs", "metrics", "plots")) {
            DvcYamlScan.outEntries(stage.get(kind)).forEach((p, opts) -> {
              String path = DvcYamlScan.join(wdir, p);
              if (!kind.equals("outs")) {
                metricsOrPlots.add(path);
              }
              if (opts instanceof Map<?, ?> o && Boolean.FALSE.equals(o.get("cache"))) {
                cacheFlags.put(path, false);
              }
            });
          }
        }
      }
    } catch (IOException e) {
      // a malformed dvc.yaml: no flags
    }
    for (String p : allFiles) {
      boolean lock = p.equals("dvc.lock") || p.endsWith("/dvc.lock");
      boolean dvc = p.endsWith(".dvc") && !p.startsWith(".dvc/");
      if (!lock && !dvc) {
        continue;
      }
      Optional<byte[]> bytes = files.read(p);
      if (bytes.isEmpty()) {
        continue;
      }
      Object o;
      try {
        o = StructuredFiles.parseYaml(new String(bytes.get(), StandardCharsets.UTF_8), p);
      } catch (IOException e) {
        continue;
      }
      if (!(o instanceof Map<?, ?> m)) {
        continue;
      }
      String dir = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
      if (lock) {
        if (m.get("stages") instanceof Map<?, ?> stages) {
          for (Object st : stages.values()) {
            if (st instanceof Map<?, ?> sm) {
              r.addDeps(dir, sm.get("deps"));
              r.addOuts(dir, sm.get("outs"), false, metricsOrPlots, cacheFlags);
            }
          }
        }
      } else {
        r.addOuts(dir, m.get("outs"), true, metricsOrPlots, cacheFlags);
      }
    }
    return r;
  }

  private void addDeps(String dir, Object list) {
    if (list instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> e && e.get("path") instanceof String path) {
          deps.put(DvcYamlScan.join(dir, path), new ExpData.Dep(hash(e), num(e.get("size")), num(e.get("nfiles"))));
        }
      }
    }
  }

  private void addOuts(String dir, Object list, boolean dataSource, Set<String> skip, Map<String, Boolean> cache) {
    if (list instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> e && e.get("path") instanceof String path) {
          String p = DvcYamlScan.join(dir, path);
          if (skip.contains(p)) {
            continue;
          }
          boolean useCache = dataSource ? !Boolean.FALSE.equals(e.get("cache")) : cache.getOrDefault(p, true);
          outs.put(p, new ExpData.Out(hash(e), num(e.get("size")), num(e.get("nfiles")), useCache, dataSource));
        }
      }
    }
  }

  private static String hash(Map<?, ?> e) {
    for (String k : List.of("md5", "etag", "checksum")) {
      if (e.get(k) != null) {
        return String.valueOf(e.get(k));
      }
    }
    return null;
  }

  private static Long num(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }
}
