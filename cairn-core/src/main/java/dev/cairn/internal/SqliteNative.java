package dev.cairn.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps sqlite-jdbc's native library in a per-user cache directory instead of letting the driver
 * extract it again on every start. By default the driver copies the 1 MB library out of the jar into
 * {@code java.io.tmpdir} under a fresh name, compares it byte for byte with the jar's copy and
 * deletes it at exit: about 50 ms of every short command. Here it is extracted once to
 * {@code $XDG_CACHE_HOME/cairn/native/sqlite-<version>-<os>-<arch>/} (default
 * {@code ~/.cache/cairn/...}) through a temp file and an atomic rename, and the driver is pointed
 * at it with {@code org.sqlite.lib.path}/{@code org.sqlite.lib.name}; should the cached library not
 * load (another libc under the same OS name and architecture), the driver goes on to extract its
 * own as before. When the user set {@code org.sqlite.lib.path} or anything
 * fails (no home, read-only disk), nothing is changed and the driver does what it always does.
 */
public final class SqliteNative {
  private static boolean done;

  private SqliteNative() {}

  /** Points the driver at the cached library; call before the first SQLite connection. Never throws. */
  public static synchronized void prepare() {
    if (done) {
      return;
    }
    done = true;
    if (System.getProperty("org.sqlite.lib.path") != null || "0".equals(System.getenv("CAIRN_NATIVE_CACHE"))) {
      return;
    }
    try {
      String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
      Path base = cacheBase();
      if (base == null) {
        return;
      }
      // named by what the JVM says of the platform: the driver's own platform lookup runs
      // `uname -o` in a child process (about 60 ms), so it is asked only when extracting
      String version = org.sqlite.SQLiteJDBCLoader.getVersion();
      String platform = (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_");
      Path dir = base.resolve("native").resolve("sqlite-" + version + "-" + platform);
      Path lib = dir.resolve(name);
      // extraction goes through a temp file and a rename, so a library that is there is whole
      if (!Files.isRegularFile(lib)) {
        String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
        URL url = org.sqlite.JDBC.class.getResource(resource + "/" + name);
        if (url == null) {
          return;
        }
        extract(url.openConnection(), dir, lib);
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
      if (System.getProperty("org.sqlite.tmpdir") == null) {
        // the driver lists its temp dir at start to delete stale extractions: keep that listing small
        System.setProperty("org.sqlite.tmpdir", dir.toString());
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // the driver extracts the library itself
    }
  }

  private static void extract(URLConnection conn, Path dir, Path lib) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".lib", ".tmp");
    try {
      try (InputStream in = conn.getInputStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r-xr-xr-x"));
      } catch (UnsupportedOperationException e) {
        // not POSIX: keep the default mode
      }
      try {
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path cacheBase() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "cairn");
    }
    String home = System.getProperty("user.home");
    if (home == null || home.isEmpty() || "?".equals(home)) {
      return null;
    }
    return Path.of(home, ".cache", "cairn");
  }
}
