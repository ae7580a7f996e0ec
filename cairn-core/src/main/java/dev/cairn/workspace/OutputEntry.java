package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;
import java.util.Map;

/**
 * A typed, read-only view of an output entry of a {@code .dvc} file or {@code dvc.lock}.
 *
 * @param path the path as written (relative to the file's wdir)
 * @param hash the recorded hash, or null when none was recorded; legacy entries (no {@code hash:
 *     md5}) carry {@link HashInfo#MD5_DOS2UNIX}
 * @param size recorded size or -1
 * @param nfiles recorded file count or -1
 */
public record OutputEntry(String path, HashInfo hash, long size, int nfiles, boolean isExec, boolean cache, boolean push,
    String remote) {

  static OutputEntry fromMap(Map<String, Object> m) {
    Object md5 = m.get("md5");
    HashInfo h = null;
    if (md5 != null && HashInfo.isValid(String.valueOf(md5))) {
      h = new HashInfo("md5".equals(m.get("hash")) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX, String.valueOf(md5));
    }
    return new OutputEntry(String.valueOf(m.get("path")), h, num(m.get("size")), (int) num(m.get("nfiles")),
        Boolean.TRUE.equals(m.get("isexec")), !Boolean.FALSE.equals(m.get("cache")),
        !Boolean.FALSE.equals(m.get("push")), m.get("remote") == null ? null : String.valueOf(m.get("remote")));
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : -1;
  }
}
