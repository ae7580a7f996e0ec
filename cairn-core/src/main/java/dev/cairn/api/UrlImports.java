package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.registry.ImportStage;
import dev.cairn.registry.Materialized;
import dev.cairn.registry.UrlSource;
import dev.cairn.repo.Repo;
import dev.cairn.transfer.TransferResult;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.workspace.Tracked;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code update} of an {@code import-url} file: the source's checksum is read again (from its
 * server, or by hashing a local or SSH source), and only when it differs from the recorded one (or
 * the output is missing or changed) is the data downloaded, checked out and recorded.
 */
final class UrlImports {
  private UrlImports() {}

  /** The checksum keys a dep may record. */
  private static final List<String> CHECKSUMS = List.of("md5", "etag", "checksum");

  static UpdateCommand.Updated update(Repo repo, DvcFile f, boolean noDownload, boolean toRemote,
      RegistrySettings settings, ProgressMonitor monitor) throws IOException, CairnException {
    String name = repo.relativize(f.file());
    if (toRemote) {
      throw CairnException.invalidInput("update --to-remote is not supported by Cairn (" + name + "); update without"
          + " it, then 'cairn push'");
    }
    Map<String, Object> dep = f.importDep();
    if (!(dep.get("path") instanceof String url)) {
      throw CairnException.invalidInput(name + ": the import's dep has no 'path'");
    }
    Map<String, Object> outEntry = f.outs().get(0);
    Path target = f.baseDir().resolve(String.valueOf(outEntry.get("path"))).normalize();
    String old = checksum(dep);
    try (UrlSource src = UrlSource.open(url, f.baseDir(), repo.config(), settings.decorator)) {
      Materialized data = null;
      Map<String, Object> fresh;
      if (!noDownload && "md5".equals(depHashName(src))) {
        data = src.fetch(repo.odb(), settings.retry); // a content checksum: the download is the check
        fresh = src.dep(url, data);
      } else {
        fresh = src.dep(url, null);
      }
      String now = checksum(fresh);
      boolean sourceSame = now != null && now.equals(old);
      if (sourceSame && outEntry.get("md5") != null && !noDownload) {
        Tracked t = new Tracked(name, f.file(), f, outEntry, target);
        if (OutputStatus.of(t, repo.odb(), repo.hasher(), monitor) == null) {
          return new UpdateCommand.Updated(name, old, now, false, TransferResult.empty());
        }
      }
      if (noDownload) {
        replaceDep(f, fresh);
        ImportStage.setData(outEntry, null);
        ImportStage.refreshMd5(f.contents());
        f.write();
        return new UpdateCommand.Updated(name, old, now, true, TransferResult.empty());
      }
      if (data == null) {
        data = src.fetch(repo.odb(), settings.retry);
      }
      Map<String, Object> newEntry = new LinkedHashMap<>(outEntry);
      ImportStage.setData(newEntry, data);
      ImportTargets.checkout(repo, f.file(), newEntry, target, false, monitor);
      replaceDep(f, fresh);
      ImportStage.setData(outEntry, data);
      ImportStage.refreshMd5(f.contents());
      f.write();
      return new UpdateCommand.Updated(name, old, now, true, data.transfer());
    }
  }

  private static String depHashName(UrlSource src) {
    return src.scheme() == null || "ssh".equals(src.scheme()) ? "md5" : "other";
  }

  /** The checksum a dep records, whichever key holds it. */
  static String checksum(Map<String, Object> dep) {
    for (String k : CHECKSUMS) {
      if (dep.get(k) != null) {
        return String.valueOf(dep.get(k));
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void replaceDep(DvcFile f, Map<String, Object> fresh) {
    List<Object> deps = (List<Object>) f.contents().get("deps");
    Map<String, Object> old = (Map<String, Object>) deps.get(0);
    Map<String, Object> d = new LinkedHashMap<>(fresh);
    if (old.get("fs_config") != null) {
      d.put("fs_config", old.get("fs_config"));
    }
    deps.set(0, d);
  }
}
