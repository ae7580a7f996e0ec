package dev.cairn.odb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The temp files this process is writing (cache objects, workspace copies), and their names.
 * Ended by a signal (Ctrl-C, SIGTERM), the JVM runs its shutdown hooks but not the cleanup in {@code finally}
 * blocks: a hook deletes these, so an interrupted pull of a large file leaves no half-written
 * gigabyte in the cache until {@code gc} would. A SIGKILL still leaves them, for {@code gc},
 * {@code fsck} and the next checkout.
 */
public final class TempFiles {
  private TempFiles() {}

  static Path track(Path p) {
    return InFlight.track(p);
  }

  /** Stops tracking a temp file that was renamed into place or deleted. */
  public static void done(Path p) {
    InFlight.done(p);
  }

  static int count() {
    return InFlight.count();
  }

  /**
   * Registers a cleanup the shutdown hook runs too, for temp files kept track of elsewhere (a batch's
   * thousands of pending objects, by number rather than by path); {@link #forget} removes it.
   */
  static void remember(Runnable cleanup) {
    InFlight.CLEANUPS.add(cleanup);
  }

  /** Removes a cleanup registered with {@link #remember}. */
  static void forget(Runnable cleanup) {
    InFlight.CLEANUPS.remove(cleanup);
  }

  /** The tracked paths; the shutdown hook is installed when the first temp file is made. */
  private static final class InFlight {
    private static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();
    private static final Set<Runnable> CLEANUPS = ConcurrentHashMap.newKeySet();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(InFlight::deleteAll, "cairn-temp-cleanup"));
    }

    private InFlight() {}

    static Path track(Path p) {
      PATHS.add(p);
      return p;
    }

    static void done(Path p) {
      PATHS.remove(p);
    }

    static int count() {
      return PATHS.size();
    }

    private static void deleteAll() {
      for (Runnable r : CLEANUPS) {
        try {
          r.run();
        } catch (RuntimeException e) {
          // what is left is found by gc and fsck
        }
      }
      for (Path p : PATHS) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException | RuntimeException e) {
          // what is left is found by gc and fsck
        }
      }
    }
  }

  /** A new hidden temp file name in {@code dir} for an object, tracked until {@link #done} or {@link #discard}. */
  public static Path tempIn(Path dir) {
    return track(name(dir, newId()));
  }

  /** A random number for a temp file name ({@link #name}). */
  static long newId() {
    return ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
  }

  /** The hidden temp file of number {@code id} in {@code dir}, {@code .<hex>.tmp}; not tracked. */
  static Path name(Path dir, long id) {
    return dir.resolve("." + Long.toHexString(id) + ".tmp");
  }

  /** The number in the name of a temp file made by {@link #tempIn} or {@link #name}. */
  static long idOf(Path temp) {
    String n = temp.getFileName().toString();
    return Long.parseLong(n.substring(1, n.length() - 4), 16);
  }

  /** Deletes a tracked temp file that will not be renamed into place (a missing one is fine). */
  public static void discard(Path temp) throws IOException {
    Files.deleteIfExists(temp);
    done(temp);
  }

  private static final Pattern WORKSPACE_TEMP = Pattern.compile("\\.cairn-[0-9a-f]{1,16}\\.tmp");

  /** A temp file in the workspace, named so that a later checkout knows a killed one left it. */
  public static Path workspaceTempIn(Path dir) {
    return track(dir.resolve(".cairn-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
        + ".tmp"));
  }

  /** Whether a file name is that of a workspace temp file (a placement or a pull's copy) before its rename. */
  public static boolean isWorkspaceTemp(String fileName) {
    return WORKSPACE_TEMP.matcher(fileName).matches();
  }
}
