package dev.cairn.registry;

import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
import dev.cairn.revision.GitRevisions;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One commit of a source repository seen as DVC sees a repository: its Git-tracked files together
 * with the outputs its {@code .dvc} files and {@code dvc.lock} files record, as one tree. Resolves
 * the path an {@code import}/{@code get} names, and lists entries for {@code list}.
 *
 * <p>What an import of a directory contains follows DVC's filesystem: Git files and output files
 * alike, without {@code .dvc} directories, {@code *.dvc} files, {@code dvc.yaml} and {@code
 * .dvcignore} files, symlinks and submodules; {@code list} shows the DVC files too.
 */
public final class SourceTree {
  /**
   * An output the source records.
   *
   * @param path repo-relative path
   * @param hash the recorded hash
   * @param size recorded size, -1 when none
   * @param nfiles recorded number of files, -1 when none
   * @param isExec recorded {@code isexec}
   * @param remote the output's {@code remote:} field, or null
   * @param upstream for an output the source imported from another repository, its dep; else null
   * @param file the {@code .dvc} or {@code dvc.lock} recording it
   */
  public record SourceOutput(String path, HashInfo hash, long size, int nfiles, boolean isExec, String remote,
      RepoDep upstream, String file) {
    public boolean isDir() {
      return hash.isDir();
    }
  }

  /** What a path of the source is. */
  public sealed interface Target permits WholeOutput, InOutput, GitFile, Directory {
    /** The path resolved, repo-relative ({@code ""} for the root). */
    String path();
  }

  /** A whole output. */
  public record WholeOutput(SourceOutput out) implements Target {
    @Override
    public String path() {
      return out.path();
    }
  }

  /** A file or directory inside a directory output ({@code rel} relative to it). */
  public record InOutput(SourceOutput out, String rel) implements Target {
    @Override
    public String path() {
      return out.path() + "/" + rel;
    }
  }

  /** A file Git tracks. */
  public record GitFile(String path, ObjectId blob, boolean exec) implements Target {}

  /** A directory of Git files and outputs (either may be empty). */
  public record Directory(String path, List<GitFile> files, List<SourceOutput> outputs) implements Target {}

  /** Reads the {@code .dir} manifest of a directory output (fetching it when needed). */
  public interface Manifests {
    Manifest of(SourceOutput out) throws IOException;

    /** The size of a file object of an output's directory, or null when not known here. */
    default Long sizeOf(HashInfo file) {
      return null;
    }
  }

  private final SourceRepo src;
  private final Repository git;
  private final Map<String, SourceOutput> outputs = new TreeMap<>(CodePointOrder.INSTANCE);

  SourceTree(SourceRepo src) throws IOException {
    this.src = src;
    this.git = src.git();
    for (GitRevisions.RevOutput o : src.outputs()) {
      Map<?, ?> e = o.entry();
      Object md5 = e.get("md5");
      if (md5 == null || !HashInfo.isValid(String.valueOf(md5)) || Boolean.FALSE.equals(e.get("cache"))) {
        continue; // not in any cache: Git holds it, if anything
      }
      HashInfo h = new HashInfo("md5".equals(e.get("hash")) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX, String.valueOf(md5));
      RepoDep up;
      try {
        up = o.isRepoImport() ? RepoDep.of(o.importDep()) : null;
      } catch (IllegalArgumentException ex) {
        up = null;
      }
      outputs.put(o.outputPath(), new SourceOutput(o.outputPath(), h, num(e.get("size")), (int) num(e.get("nfiles")),
          Boolean.TRUE.equals(e.get("isexec")), e.get("remote") == null ? null : String.valueOf(e.get("remote")),
          up, o.file()));
    }
  }

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : -1;
  }

  /** The source this tree belongs to. */
  public SourceRepo source() {
    return src;
  }

  /** The outputs, by path. */
  public Map<String, SourceOutput> outputs() {
    return outputs;
  }

  /** {@code path} as DVC normalises it: {@code /} separators, no {@code ./}, no trailing slash; {@code ""} for the root. */
  static String normalize(String path) {
    return RevisionFiles.normalize(path);
  }

  /** What {@code path} is, or null when the commit has nothing there. */
  public Target resolve(String path) throws IOException {
    String p = normalize(path);
    if (p.equals("..") || p.startsWith("../")) {
      return null;
    }
    SourceOutput exact = outputs.get(p);
    if (exact != null) {
      return new WholeOutput(exact);
    }
    for (SourceOutput o : outputs.values()) {
      if (o.isDir() && p.startsWith(o.path() + "/")) {
        return new InOutput(o, p.substring(o.path().length() + 1));
      }
    }
    if (!p.isEmpty()) {
      try (TreeWalk tw = TreeWalk.forPath(git, p, src.treeId())) {
        if (tw != null && !tw.isSubtree()) {
          int mode = tw.getRawMode(0);
          if (isRegular(mode) && !hidden(p)) {
            return new GitFile(p, tw.getObjectId(0).copy(), mode == FileMode.EXECUTABLE_FILE.getBits());
          }
          return null;
        }
        boolean isTree = tw != null;
        boolean hasOutputs = outputs.keySet().stream().anyMatch(o -> o.startsWith(p + "/"));
        if (!isTree && !hasOutputs) {
          return null;
        }
      }
    }
    return directory(p);
  }

  /** The Git files and outputs under {@code dir} ({@code ""}: the whole commit), as an import takes them. */
  private Directory directory(String dir) throws IOException {
    List<SourceOutput> outs = new ArrayList<>();
    for (SourceOutput o : outputs.values()) {
      if (dir.isEmpty() || o.path().startsWith(dir + "/")) {
        outs.add(o);
      }
    }
    List<GitFile> files = new ArrayList<>();
    for (GitNode n : gitFiles(dir)) {
      if (!isRegular(n.mode) || hidden(n.path)) {
        continue;
      }
      boolean shadowed = false;
      for (SourceOutput o : outs) {
        if (n.path.equals(o.path()) || n.path.startsWith(o.path() + "/")) {
          shadowed = true;
          break;
        }
      }
      if (!shadowed) {
        files.add(new GitFile(n.path, n.id, n.mode == FileMode.EXECUTABLE_FILE.getBits()));
      }
    }
    return new Directory(dir, files, outs);
  }

  private static boolean isRegular(int mode) {
    return mode == FileMode.REGULAR_FILE.getBits() || mode == FileMode.EXECUTABLE_FILE.getBits();
  }

  /** DVC's own files and directories, which its filesystem hides from imports. */
  static boolean hidden(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.endsWith(".dvc") || name.equals("dvc.yaml") || name.equals(".dvcignore") || isInDvcDir(path);
  }

  private static boolean isInDvcDir(String path) {
    return path.startsWith(".dvc/") || path.contains("/.dvc/") || path.equals(".dvc");
  }

  record GitNode(String path, int mode, ObjectId id, boolean tree) {}

  /** Every Git file (blob or link) under {@code dir}, recursively, with repo-relative paths. */
  private List<GitNode> gitFiles(String dir) throws IOException {
    List<GitNode> out = new ArrayList<>();
    try (TreeWalk tw = walkOf(dir)) {
      if (tw == null) {
        return out;
      }
      tw.setRecursive(true);
      while (tw.next()) {
        String p = dir.isEmpty() ? tw.getPathString() : dir + "/" + tw.getPathString();
        out.add(new GitNode(p, tw.getRawMode(0), tw.getObjectId(0).copy(), false));
      }
    }
    return out;
  }

  /** The direct children of Git directory {@code dir}. */
  private List<GitNode> gitChildren(String dir) throws IOException {
    List<GitNode> out = new ArrayList<>();
    try (TreeWalk tw = walkOf(dir)) {
      if (tw == null) {
        return out;
      }
      tw.setRecursive(false);
      while (tw.next()) {
        String p = dir.isEmpty() ? tw.getPathString() : dir + "/" + tw.getPathString();
        out.add(new GitNode(p, tw.getRawMode(0), tw.getObjectId(0).copy(), tw.isSubtree()));
      }
    }
    return out;
  }

  /** A walk over the tree of {@code dir}, or null when it is not a directory of the commit. */
  private TreeWalk walkOf(String dir) throws IOException {
    TreeWalk tw = new TreeWalk(git);
    if (dir.isEmpty()) {
      tw.addTree(src.treeId());
      return tw;
    }
    try (TreeWalk sub = TreeWalk.forPath(git, dir, src.treeId())) {
      if (sub == null || !sub.isSubtree()) {
        tw.close();
        return null;
      }
      tw.addTree(sub.getObjectId(0));
    }
    return tw;
  }

  /** The size of a Git blob. */
  long blobSize(ObjectId id) throws IOException {
    try (var reader = git.newObjectReader()) {
      return reader.getObjectSize(id, Constants.OBJ_BLOB);
    }
  }

  /**
   * One entry of {@code list}, in DVC's shape.
   *
   * @param path relative to the listed directory (or the file's name)
   * @param isOut whether DVC tracks it (an output, or inside one)
   * @param isDir whether it is a directory
   * @param isExec whether it is executable
   * @param size its size, or null when not known here
   * @param md5 its recorded hash ({@code .dir} for a directory output), or null
   */
  public record Entry(String path, boolean isOut, boolean isDir, boolean isExec, Long size, String md5) {}

  /**
   * Lists {@code path} as {@code dvc list} does: a file lists as itself; a directory lists its
   * children (every file below it with {@code recursive}), Git-tracked and DVC-tracked together,
   * sorted by path. With {@code dvcOnly}, only outputs and the directories that lead to them.
   *
   * @return the entries, or null when nothing is at {@code path}
   */
  public List<Entry> list(String path, boolean recursive, boolean dvcOnly, Manifests manifests) throws IOException {
    String p = normalize(path);
    if (p.equals("..") || p.startsWith("../")) {
      return null;
    }
    Map<String, Entry> out = new TreeMap<>(CodePointOrder.INSTANCE);
    SourceOutput exact = outputs.get(p);
    if (exact != null && !exact.isDir()) {
      out.put(name(p), fileEntry(name(p), exact));
      return new ArrayList<>(out.values());
    }
    for (SourceOutput o : outputs.values()) {
      if (o.isDir() && (p.equals(o.path()) || p.startsWith(o.path() + "/"))) {
        String rel = p.equals(o.path()) ? "" : p.substring(o.path().length() + 1);
        return listInOutput(o, rel, recursive, manifests);
      }
    }
    boolean isTree = p.isEmpty();
    if (!p.isEmpty()) {
      try (TreeWalk tw = TreeWalk.forPath(git, p, src.treeId())) {
        if (tw != null && !tw.isSubtree()) {
          if (dvcOnly) {
            return List.of();
          }
          int mode = tw.getRawMode(0);
          out.put(name(p), new Entry(name(p), false, false, mode == FileMode.EXECUTABLE_FILE.getBits(),
              blobSize(tw.getObjectId(0)), null));
          return new ArrayList<>(out.values());
        }
        isTree = tw != null;
      }
    }
    String prefix = p.isEmpty() ? "" : p + "/";
    boolean hasOutputs = outputs.keySet().stream().anyMatch(o -> o.startsWith(prefix));
    if (!isTree && !hasOutputs) {
      return null;
    }
    if (recursive) {
      if (!dvcOnly) {
        for (GitNode n : gitFiles(p)) {
          if (!isInDvcDir(n.path) && !underOutput(n.path)) {
            String rel = n.path.substring(prefix.length());
            out.put(rel, new Entry(rel, false, false, n.mode == FileMode.EXECUTABLE_FILE.getBits(),
                isRegular(n.mode) ? blobSize(n.id) : null, null));
          }
        }
      }
      for (SourceOutput o : outputs.values()) {
        if (o.path().startsWith(prefix)) {
          String rel = o.path().substring(prefix.length());
          if (!o.isDir()) {
            out.put(rel, fileEntry(rel, o));
          } else {
            for (Entry e : listInOutput(o, "", true, manifests)) {
              out.put(rel + "/" + e.path(), withPath(e, rel + "/" + e.path()));
            }
          }
        }
      }
      return new ArrayList<>(out.values());
    }
    if (!dvcOnly) {
      for (GitNode n : gitChildren(p)) {
        if (isInDvcDir(n.path) || outputs.containsKey(n.path)) {
          continue;
        }
        String rel = n.path.substring(prefix.length());
        if (n.tree) {
          out.put(rel, new Entry(rel, false, true, false, 0L, null));
        } else if (n.mode != FileMode.GITLINK.getBits()) {
          out.put(rel, new Entry(rel, false, false, n.mode == FileMode.EXECUTABLE_FILE.getBits(),
              isRegular(n.mode) ? blobSize(n.id) : null, null));
        }
      }
    }
    for (SourceOutput o : outputs.values()) {
      if (!o.path().startsWith(prefix)) {
        continue;
      }
      String rel = o.path().substring(prefix.length());
      int slash = rel.indexOf('/');
      if (slash < 0) {
        out.put(rel, o.isDir() ? new Entry(rel, true, true, false, o.size() < 0 ? null : o.size(), o.hash().value())
            : fileEntry(rel, o));
      } else {
        String d = rel.substring(0, slash);
        out.putIfAbsent(d, new Entry(d, false, true, false, 0L, null));
      }
    }
    return new ArrayList<>(out.values());
  }

  private boolean underOutput(String path) {
    for (String o : outputs.keySet()) {
      if (path.equals(o) || path.startsWith(o + "/")) {
        return true;
      }
    }
    return false;
  }

  private static Entry fileEntry(String rel, SourceOutput o) {
    return new Entry(rel, true, false, o.isExec(), o.size() < 0 ? null : o.size(), o.hash().value());
  }

  private static Entry withPath(Entry e, String path) {
    return new Entry(path, e.isOut(), e.isDir(), e.isExec(), e.size(), e.md5());
  }

  /** The entries of a directory output at {@code rel} inside it ({@code ""}: the output itself). */
  private List<Entry> listInOutput(SourceOutput o, String rel, boolean recursive, Manifests manifests)
      throws IOException {
    Manifest m = manifests.of(o);
    String prefix = rel.isEmpty() ? "" : rel + "/";
    String name = HashInfo.MD5.equals(o.hash().name()) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX;
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Manifest.Entry e : m.entries()) {
      if (e.relpath().equals(rel)) {
        String n = name(rel);
        return List.of(new Entry(n, true, false, false, manifests.sizeOf(new HashInfo(name, e.md5())), e.md5()));
      }
      if (!e.relpath().startsWith(prefix)) {
        continue;
      }
      String sub = e.relpath().substring(prefix.length());
      int slash = sub.indexOf('/');
      if (recursive || slash < 0) {
        out.put(sub, new Entry(sub, true, false, false, manifests.sizeOf(new HashInfo(name, e.md5())), e.md5()));
      } else {
        String d = sub.substring(0, slash);
        out.putIfAbsent(d, new Entry(d, true, true, false, null, null));
      }
    }
    if (out.isEmpty() && !rel.isEmpty()) {
      return null;
    }
    List<Entry> sorted = new ArrayList<>(out.values());
    sorted.sort((a, b) -> CodePointOrder.INSTANCE.compare(a.path(), b.path()));
    return sorted;
  }

  private static String name(String path) {
    return path.isEmpty() ? "." : path.substring(path.lastIndexOf('/') + 1);
  }
}
