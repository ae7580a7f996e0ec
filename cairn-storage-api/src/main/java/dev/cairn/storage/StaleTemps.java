package dev.cairn.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * When a hidden temp file ({@code .<token>.tmp}) of the local cache or of a local-directory remote
 * may be deleted: only when it is clearly stale, that is when neither its content (mtime) nor its
 * inode (ctime: a new link, a rename, a mode change) changed for {@link #AGE}. A running writer
 * touches its temp file all the time, or created it recently; a killed one leaves it to age.
 *
 * <p>Why 24 hours and not less: a batch of cache inserts (the small files of an {@code add}ed
 * directory, every file of a {@code fetch}) keeps its temp files unrenamed until the whole batch is
 * written, which for a large directory or a slow download can take hours. ctime rather than mtime
 * alone, because a hard-linked insert ({@code cache.type = hardlink}) makes its temp file a link to
 * a workspace file whose mtime may be years old; the link itself sets the ctime.
 */
public final class StaleTemps {
  /** How long a temp file must stay unchanged before it counts as left behind by a killed writer. */
  public static final Duration AGE = Duration.ofHours(24);

  private StaleTemps() {}

  /** Whether a file name is that of a hidden temp file ({@code .<something>.tmp}). */
  public static boolean isTempName(String name) {
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  /**
   * The last change of a file: the later of its mtime and, where the file system reports it, its
   * ctime; null if the file is gone.
   */
  public static Instant lastChange(Path p) throws IOException {
    FileTime m;
    try {
      m = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
    Instant last = m.toInstant();
    try {
      Object c = Files.getAttribute(p, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
      if (c instanceof FileTime ct && ct.toInstant().isAfter(last)) {
        last = ct.toInstant();
      }
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view (not Linux/macOS): mtime alone
    } catch (NoSuchFileException e) {
      return null;
    }
    return last;
  }

  /** Whether the temp file {@code p} is older than {@link #AGE} at {@code now} (false if it is gone). */
  public static boolean isStale(Path p, Instant now) throws IOException {
    Instant last = lastChange(p);
    return last != null && last.plus(AGE).isBefore(now);
  }
}
