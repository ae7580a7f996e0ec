package dev.cairn.api;

import dev.cairn.hash.HashInfo;
import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.ObjectDb;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fsck}: re-hashes every cache object (whatever its mode) and parses every {@code .dir}
 * manifest; corrupt objects are moved to {@code <cache>/quarantine/} (out of the object namespace,
 * kept for inspection) unless {@link #setDryRun dry}. Stray temp files of interrupted writes are
 * removed once stale (unchanged for 24 hours, as in {@link GcCommand}); younger ones may belong to a
 * running writer of another workspace sharing the cache.
 */
public final class FsckCommand extends RepoCommand<FsckCommand.FsckResult> {
  private boolean dryRun;
  private Clock clock = Clock.systemUTC();

  FsckCommand(Repo repo) {
    super(repo);
  }

  /**
   * Objects checked, corrupt ones (hashes), and stale stray temp files (removed unless dry; younger
   * temp files are neither counted nor touched).
   */
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

  /** The clock stale temp files are judged by (tests). */
  FsckCommand setClock(Clock c) {
    clock = c;
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
    java.time.Instant now = clock.instant();
    int stale = 0;
    for (Path t : temps) {
      if (dev.cairn.storage.StaleTemps.isStale(t, now) && (dryRun || Files.deleteIfExists(t))) {
        stale++;
      }
    }
    return new FsckResult(all.size(), corrupt, moved, stale);
  }
}
