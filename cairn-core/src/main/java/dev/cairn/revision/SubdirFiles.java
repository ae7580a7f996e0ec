package dev.cairn.revision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A view of a subdirectory of another view (a DVC repo below the Git root). */
final class SubdirFiles implements RevisionFiles {
  private final RevisionFiles base;
  private final String prefix;

  SubdirFiles(RevisionFiles base, String prefix) {
    this.base = base;
    this.prefix = RevisionFiles.normalize(prefix);
  }

  private String full(String path) {
    String n = RevisionFiles.normalize(path);
    return prefix.isEmpty() ? n : n.isEmpty() ? prefix : prefix + "/" + n;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    String n = RevisionFiles.normalize(path);
    return n.startsWith("..") ? Optional.empty() : base.read(full(n));
  }

  @Override
  public List<String> list(String dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String p : base.list(full(dir))) {
      out.add(prefix.isEmpty() ? p : p.substring(prefix.length() + 1));
    }
    return out;
  }
}
