package dev.cairn.api;

import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.HashInfo;
import dev.cairn.odb.ObjectDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fsck}: re-hashes every cache object (whatever its mode) and parses every {@code .dir}
 * manifest; corrupt objects are moved to {@code <cache>/quarantine/} (out of the object namespace,
 * kept for inspection) unless {@link #setDryRun dry}. Stray temp files of interrupted writes are
 * reported and removed.
 */
public final class FsckCommand extends RepoCommand<FsckCommand.FsckResult> {
  private boolean dryRun;

  FsckCommand(Repo repo) {
    super(repo);
  }

  /** Objects checked, corrupt ones (hashes), and stray temp files removed. */
  public record FsckResult(int checked, List<String> corrupt, List<String> quarantined, int tempFiles) {
    public boolean ok() {
      return corrupt.isEmpty();
    }
  }

  /** Only report; move nothing. */
  public FsckCommand setDryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  @Override
  boolean writes() {
    return !dryRun;
  }

  @Override
  FsckResult run() throws IOException {
    ObjectDb odb = repo.odb();
    List<HashInfo> all = new ArrayList<>();
    List<Path> temps = new ArrayList<>();
    odb.list(all::add, temps::add);
    monitor.beginTask("Verifying cache", all.size());
    List<String> corrupt = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    Path quarantine = odb.cacheDir().resolve("quarantine");
    for (HashInfo h : all) {
      boolean ok = odb.verify(h);
      if (ok && h.isDir()) {
        try {
          odb.readManifest(h);
        } catch (CorruptObjectException e) {
          ok = false;
        }
      }
      if (!ok) {
        corrupt.add(h.value());
        if (!dryRun) {
          Files.createDirectories(quarantine);
          Files.move(odb.path(h), quarantine.resolve(h.value()), StandardCopyOption.REPLACE_EXISTING);
          moved.add(quarantine.resolve(h.value()).toString());
        }
      }
      monitor.update(1);
    }
    monitor.endTask();
    if (!dryRun) {
      for (Path t : temps) {
        Files.deleteIfExists(t);
      }
    }
    return new FsckResult(all.size(), corrupt, moved, temps.size());
  }
}
