package dev.cairn.odb;

import dev.cairn.hash.Md5Set;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The objects present under each two-hex prefix directory of the DVC 3 root, each directory listed
 * once (a directory listing instead of a stat per object when thousands are checked) and kept
 * compact: file objects in an {@link Md5Set} (about 32 bytes each, so the listing of a cache of a
 * million objects takes some 32 MB), {@code .dir} objects by name. Objects published through the
 * owning {@link ObjectDb} afterwards are added. Thread-safe.
 */
final class CacheListing {
  private record Prefix(Md5Set files, Set<String> dirs) {}

  private final AtomicReferenceArray<Prefix> prefixes = new AtomicReferenceArray<>(256);

  /** Whether {@code value} (32 hex, with or without {@code .dir}) was in its listing or added since. */
  boolean contains(Path md5Root, String value) throws IOException {
    Prefix p = prefix(md5Root, value);
    return value.length() == 32 ? p.files.contains(value) : p.dirs.contains(value);
  }

  /** Records an object this process just put in place, if its prefix was listed. */
  void added(String value) {
    Prefix p = prefixes.get(index(value));
    if (p != null) {
      if (value.length() == 32) {
        p.files.add(value);
      } else {
        p.dirs.add(value);
      }
    }
  }

  private Prefix prefix(Path md5Root, String value) throws IOException {
    int i = index(value);
    Prefix p = prefixes.get(i);
    if (p == null) {
      prefixes.compareAndSet(i, null, list(md5Root.resolve(value.substring(0, 2)), value.substring(0, 2)));
      p = prefixes.get(i);
    }
    return p;
  }

  private static int index(String value) {
    return Character.digit(value.charAt(0), 16) * 16 + Character.digit(value.charAt(1), 16);
  }

  private static Prefix list(Path dir, String prefix) throws IOException {
    Md5Set files = new Md5Set();
    Set<String> dirs = ConcurrentHashMap.newKeySet();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path f : ds) {
        String name = f.getFileName().toString();
        if (name.length() == 30 && isHex(name, 30)) {
          files.add(prefix + name);
        } else if (name.length() == 34 && name.endsWith(".dir") && isHex(name, 30)) {
          dirs.add(prefix + name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      // nothing stored under this prefix yet
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Prefix(files, dirs);
  }

  private static boolean isHex(String s, int n) {
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
