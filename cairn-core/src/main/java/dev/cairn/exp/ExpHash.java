package dev.cairn.exp;

import dev.cairn.format.PyJson;
import dev.cairn.format.StructuredFiles;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.Stage;
import dev.cairn.repo.Repo;
import dev.cairn.repro.PipelineIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DVC's experiment hash (dvc-format.md §1.5): SHA-256 of {@code json.dumps({stage_name: lock_entry,
 * …}, sort_keys=True)} over the stages of every pipeline, each entry as recorded in its {@code
 * dvc.lock}. Used in the commit message {@code dvc: commit experiment <hash>}.
 */
final class ExpHash {
  private ExpHash() {}

  static String of(Repo repo) throws IOException, dev.cairn.pipeline.PipelineException {
    Map<String, Object> data = new LinkedHashMap<>();
    PipelineIndex index = PipelineIndex.load(repo);
    for (Pipeline p : index.pipelines()) {
      Path lock = (p.dir().isEmpty() ? repo.root() : repo.root().resolve(p.dir())).resolve("dvc.lock");
      if (!Files.exists(lock)) {
        continue;
      }
      Object o = StructuredFiles.parseYaml(Files.readString(lock, StandardCharsets.UTF_8), lock.toString());
      if (o instanceof Map<?, ?> m && m.get("stages") instanceof Map<?, ?> stages) {
        for (Stage s : p.stages()) {
          Object entry = stages.get(s.name());
          if (entry != null) {
            data.put(s.name(), entry);
          }
        }
      }
    }
    return sha256(PyJson.dumps(data));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
