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
    for (Map.Entry<?, ?> st : stages.entrySet()) {
      if (!(st.getValue() instanceof Map<?, ?> sm) || !(sm.get("outs") instanceof List<?> outs)) {
        continue;
      }
      for (Object o : outs) {
        if (o instanceof Map<?, ?> entry && entry.get("path") instanceof String p && !p.isEmpty()) {
          out.add(new Tracked(String.valueOf(st.getKey()), lock, null, (Map<String, Object>) entry,
              root.resolve(p).normalize()));
        }
      }
    }
    return out;
  }
}
