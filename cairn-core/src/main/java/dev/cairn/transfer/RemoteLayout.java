package dev.cairn.transfer;

import dev.cairn.hash.HashInfo;
import java.util.regex.Pattern;

/**
 * Where objects live on a remote (dvc-format.md §3.1): DVC 3 objects at {@code
 * files/md5/xx/yyyy[.dir]}, legacy DVC 2 objects at {@code xx/yyyy[.dir]}, the run-cache under
 * {@code runs/}. The same layout as the local cache, rooted at the remote URL.
 */
public final class RemoteLayout {
  /** Key prefix of DVC 3 objects. */
  public static final String MD5_ROOT = "files/md5/";
  /** Key prefix of legacy objects (the remote root itself). */
  public static final String LEGACY_ROOT = "";
  /** Key prefix of run-cache entries. */
  public static final String RUNS_ROOT = "runs/";

  private static final Pattern OBJECT = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{30}(\\.dir)?");

  private RemoteLayout() {}

  /** The remote key of an object. */
  public static String key(HashInfo h) {
    return root(h.isLegacy()) + h.relPath();
  }

  /** The key prefix objects of one kind live under. */
  static String root(boolean legacy) {
    return legacy ? LEGACY_ROOT : MD5_ROOT;
  }

  /**
   * Maps a listed key back to an object, or null when the key is not exactly {@code
   * <root>xx/<30 hex>[.dir]} (temp files, {@code runs/}, {@code files/} under the legacy root).
   */
  static HashInfo parse(String root, String hashName, String key) {
    if (!key.startsWith(root)) {
      return null;
    }
    String rest = key.substring(root.length());
    if (!OBJECT.matcher(rest).matches()) {
      return null;
    }
    return new HashInfo(hashName, rest.substring(0, 2) + rest.substring(3));
  }
}
