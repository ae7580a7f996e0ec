package dev.cairn.revision;

import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link CachedOutputs} over the local cache ({@link CachedOutputs#fromCache}): every output recorded in the
 * revision's {@code .dvc} files and {@code dvc.lock} files reads as its cached object, and the files
 * of a tracked directory as the objects its {@code .dir} manifest names. An object or manifest
 * that is not in the cache reads as missing.
 */
final class ObjectDbOutputs implements CachedOutputs {
  private final ObjectDb odb;

  ObjectDbOutputs(ObjectDb odb) {
    this.odb = odb;
  }

  @Override
  public RevisionFiles forRevision(RevisionFiles scmFiles) throws IOException {
    Map<String, HashInfo> objects = new TreeMap<>();
    for (Map.Entry<String, RecordedOutputs.Out> e : RecordedOutputs.of(scmFiles).entrySet()) {
      RecordedOutputs.Out out = e.getValue();
      String name = out.legacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
      if (out.value().isEmpty() || !HashInfo.isValid(out.value())) {
        continue;
      }
      HashInfo h = new HashInfo(name, out.value());
      if (!h.isDir()) {
        objects.put(e.getKey(), h);
        continue;
      }
      if (!odb.exists(h)) {
        continue;
      }
      Manifest m;
      try {
        m = odb.readManifest(h);
      } catch (IOException ex) {
        continue;
      }
      for (Manifest.Entry entry : m.entries()) {
        objects.put(e.getKey() + entry.relpath(), new HashInfo(name, entry.md5()));
      }
    }
    return new RevisionFiles() {
      @Override
      public Optional<byte[]> read(String path) throws IOException {
        HashInfo h = objects.get(path);
        if (h == null || !odb.exists(h)) {
          return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(odb.path(h)));
      }

      @Override
      public List<String> list(String dir) {
        String prefix = dir.isEmpty() ? "" : dir.endsWith("/") ? dir : dir + "/";
        List<String> out = new ArrayList<>();
        for (String p : objects.keySet()) {
          if (p.startsWith(prefix)) {
            out.add(p);
          }
        }
        return out;
      }
    };
  }
}
