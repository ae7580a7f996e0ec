package dev.cairn.api;

import dev.cairn.lib.CodePointOrder;
import dev.cairn.lib.StructuredFiles;
import dev.cairn.metrics.CachedOutputs;
import dev.cairn.metrics.RevisionFiles;
import dev.cairn.odb.HashInfo;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a revision's DVC-tracked outputs from the local cache, by the hashes its {@code dvc.lock}
 * records (outputs of stages in the root {@code dvc.yaml}) and its root-level {@code .dvc} files.
 * Objects missing from the cache read as missing, which the metrics readers report per file.
 */
final class CacheBackedOutputs implements CachedOutputs {
  private final ObjectDb odb;

  CacheBackedOutputs(ObjectDb odb) {
    this.odb = odb;
  }

  @Override
  public RevisionFiles forRevision(RevisionFiles scm) throws IOException {
    Map<String, HashInfo> outs = new LinkedHashMap<>();
    Optional<byte[]> lock = scm.read("dvc.lock");
    if (lock.isPresent()) {
      Object o = StructuredFiles.parseYaml(new String(lock.get(), StandardCharsets.UTF_8), "dvc.lock");
      if (o instanceof Map<?, ?> m && m.get("stages") instanceof Map<?, ?> stages) {
        for (Object st : stages.values()) {
          if (st instanceof Map<?, ?> sm) {
            collect(sm.get("outs"), outs);
          }
        }
      }
    }
    for (String p : scm.list("")) {
      if (p.endsWith(".dvc") && p.indexOf('/') < 0) {
        Optional<byte[]> b = scm.read(p);
        if (b.isPresent()) {
          try {
            Object o = StructuredFiles.parseYaml(new String(b.get(), StandardCharsets.UTF_8), p);
            if (o instanceof Map<?, ?> m) {
              collect(m.get("outs"), outs);
            }
          } catch (IOException e) {
            // a malformed .dvc file contributes nothing here; status reports it
          }
        }
      }
    }
    return new View(outs);
  }

  private static void collect(Object list, Map<String, HashInfo> into) {
    if (!(list instanceof List<?> l)) {
      return;
    }
    for (Object item : l) {
      if (item instanceof Map<?, ?> m && m.get("path") != null && HashInfo.isValid(String.valueOf(m.get("md5")))) {
        String name = "md5".equals(m.get("hash")) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX;
        into.put(RevisionFiles.normalize(String.valueOf(m.get("path"))), new HashInfo(name, String.valueOf(m.get("md5"))));
      }
    }
  }

  private final class View implements RevisionFiles {
    private final Map<String, HashInfo> outs;

    View(Map<String, HashInfo> outs) {
      this.outs = outs;
    }

    private Optional<byte[]> object(HashInfo h) throws IOException {
      return Files.isRegularFile(odb.path(h)) ? Optional.of(Files.readAllBytes(odb.path(h))) : Optional.empty();
    }

    private Optional<Manifest> manifest(HashInfo h) {
      try {
        return Optional.of(odb.readManifest(h));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
      for (Map.Entry<String, HashInfo> e : outs.entrySet()) {
        HashInfo h = e.getValue();
        if (!h.isDir() && e.getKey().equals(path)) {
          return object(h);
        }
        if (h.isDir() && path.startsWith(e.getKey() + "/")) {
          String rel = path.substring(e.getKey().length() + 1);
          Optional<Manifest> m = manifest(h);
          if (m.isPresent()) {
            for (Manifest.Entry en : m.get().entries()) {
              if (en.relpath().equals(rel)) {
                return object(new HashInfo(h.name(), en.md5()));
              }
            }
          }
        }
      }
      return Optional.empty();
    }

    @Override
    public List<String> list(String dir) {
      List<String> out = new ArrayList<>();
      String d = dir.isEmpty() ? "" : dir + "/";
      for (Map.Entry<String, HashInfo> e : outs.entrySet()) {
        String p = e.getKey();
        if (!e.getValue().isDir()) {
          if (p.startsWith(d)) {
            out.add(p);
          }
          continue;
        }
        Optional<Manifest> m = manifest(e.getValue());
        if (m.isEmpty()) {
          continue;
        }
        for (Manifest.Entry en : m.get().entries()) {
          String full = p + "/" + en.relpath();
          if (full.startsWith(d)) {
            out.add(full);
          }
        }
      }
      out.sort(CodePointOrder.INSTANCE);
      return out;
    }
  }
}
