package dev.cairn.api;

import dev.cairn.lib.StructuredFiles;
import dev.cairn.workspace.Tracked;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outputs recorded in the workspace's {@code dvc.lock} (schema 2.0: {@code stages → name →
 * outs}), as {@link Tracked} records owned by their stage, so push, fetch and pull move pipeline
 * outputs as well as {@code .dvc}-tracked ones.
 */
final class LockOutputs {
  private LockOutputs() {}

  @SuppressWarnings("unchecked")
  static List<Tracked> read(Path root) throws IOException {
    Path lock = root.resolve("dvc.lock");
    List<Tracked> out = new ArrayList<>();
    if (!Files.isRegularFile(lock)) {
      return out;
    }
    Map<String, Object> m = StructuredFiles.loadMap(lock);
    if (!(m.get("stages") instanceof Map<?, ?> stages)) {
      return out;
    }
    // the flags (cache, push, remote) live in dvc.yaml, not in the lock
    Map<String, dev.cairn.pipeline.Out> flags = new java.util.HashMap<>();
    if (Files.isRegularFile(root.resolve("dvc.yaml"))) {
      try {
        for (dev.cairn.pipeline.Stage stage : dev.cairn.pipeline.PipelineParser.load(root).stages()) {
          for (dev.cairn.pipeline.Out o : stage.outs()) {
            flags.put(stage.name() + "\0" + o.path(), o);
          }
        }
      } catch (dev.cairn.pipeline.PipelineException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    for (Map.Entry<?, ?> st : stages.entrySet()) {
      if (!(st.getValue() instanceof Map<?, ?> sm) || !(sm.get("outs") instanceof List<?> outs)) {
        continue;
      }
      for (Object o : outs) {
        if (o instanceof Map<?, ?> entry && entry.get("path") instanceof String p && !p.isEmpty()) {
          Map<String, Object> e = new java.util.LinkedHashMap<>((Map<String, Object>) entry);
          dev.cairn.pipeline.Out decl = flags.get(st.getKey() + "\0" + p);
          if (decl != null) {
            if (!decl.cache()) {
              e.put("cache", false);
            }
            if (!decl.push()) {
              e.put("push", false);
            }
            if (decl.remote() != null) {
              e.put("remote", decl.remote());
            }
          }
          out.add(new Tracked(String.valueOf(st.getKey()), lock, null, e, root.resolve(p).normalize()));
        }
      }
    }
    return out;
  }
}
