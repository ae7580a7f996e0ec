package dev.cairn.revision;

import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.HashInfo;
import dev.cairn.revision.DataIndex.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two {@link DataIndex}es the way DVC's data-index diff does: outputs first, then the files
 * of directory outputs; optionally without descending into directories whose hash is recorded
 * ({@code shallow}), comparing hashes only, with unchanged entries, with the files of a directory
 * whose old manifest is missing reported as unknown, and with an added and a deleted entry of the
 * same hash paired as a rename.
 */
public final class DataDiff {
  private DataDiff() {}

  /** The kind of a change. */
  public enum Type {
    ADD, DELETE, MODIFY, RENAME, UNCHANGED, UNKNOWN
  }

  /**
   * One change.
   *
   * @param old the entry before, or null
   * @param current the entry after, or null
   */
  public record Change(Type type, Entry old, Entry current) {
    /** The entry's key: the old one's for a delete, else the current one's (a rename's new key). */
    public String key() {
      return type == Type.DELETE || current == null ? old.key() : current.key();
    }
  }

  /**
   * How to compare.
   *
   * @param shallow do not descend into a directory whose hash is recorded ({@code data status}
   *     without {@code --granular})
   * @param hashOnly compare hashes only; otherwise a file that became a directory is modified too
   * @param withUnchanged report unchanged entries as well
   * @param withUnknown report the files of a directory whose old manifest is missing as unknown
   * @param withRenames pair an added and a deleted entry of the same hash as a rename
   */
  public record Options(boolean shallow, boolean hashOnly, boolean withUnchanged, boolean withUnknown,
      boolean withRenames) {}

  /** The changes from {@code old} to {@code current}, in path order within outputs, then their files. */
  public static List<Change> diff(DataIndex old, DataIndex current, Options o) {
    List<Change> out = new ArrayList<>();
    TreeSet<String> roots = new TreeSet<>(CodePointOrder.INSTANCE);
    roots.addAll(old.outputs().keySet());
    roots.addAll(current.outputs().keySet());
    List<String> descend = new ArrayList<>();
    for (String key : roots) {
      Entry a = old.output(key).orElse(null);
      Entry b = current.output(key).orElse(null);
      Type t = entryDiff(a, b, o.hashOnly());
      boolean skipBranch = o.hashOnly() && !o.withUnchanged() && t == Type.UNCHANGED && a != null && a.hash() != null
          && a.hash().isDir();
      if (!skipBranch && (isDir(a) || isDir(b))) {
        descend.add(key);
      }
      if (a == null && b == null || t == Type.UNCHANGED && !o.withUnchanged()) {
        continue;
      }
      out.add(new Change(t, a, b));
    }
    for (String key : descend) {
      Entry a = old.output(key).orElse(null);
      Entry b = current.output(key).orElse(null);
      boolean unknown = false;
      Map<String, Entry> left = new LinkedHashMap<>();
      Map<String, Entry> right = new LinkedHashMap<>();
      if (isDir(a) && !(o.shallow() && a.hash() != null)) {
        if (a.hash() != null && !old.childrenKnown(key)) {
          unknown = o.withUnknown();
        } else {
          old.children(key).forEach(e -> left.put(e.key(), e));
        }
      }
      if (isDir(b) && !(o.shallow() && b.hash() != null)) {
        if (b.hash() != null && !current.childrenKnown(key)) {
          unknown = o.withUnknown();
        } else {
          current.children(key).forEach(e -> right.put(e.key(), e));
        }
      }
      TreeSet<String> keys = new TreeSet<>(CodePointOrder.INSTANCE);
      keys.addAll(left.keySet());
      keys.addAll(right.keySet());
      for (String k : keys) {
        Entry x = left.get(k);
        Entry y = right.get(k);
        Type t = unknown ? Type.UNKNOWN : entryDiff(x, y, o.hashOnly());
        if (t == Type.UNCHANGED && !o.withUnchanged()) {
          continue;
        }
        out.add(new Change(t, x, y));
      }
    }
    return o.withRenames() ? renames(out) : out;
  }

  private static boolean isDir(Entry e) {
    return e != null && Boolean.TRUE.equals(e.isDir());
  }

  /** dvc-data's {@code _diff_entry}, with directories compared by being one. */
  static Type entryDiff(Entry old, Entry current, boolean hashOnly) {
    HashInfo oh = old == null ? null : old.hash();
    HashInfo nh = current == null ? null : current.hash();
    Type hi = oh == null && nh != null ? Type.ADD : oh != null && nh == null ? Type.DELETE
        : oh != null && !oh.equals(nh) ? Type.MODIFY : Type.UNCHANGED;
    if (hashOnly) {
      return hi;
    }
    if (old == null && current != null) {
      return Type.ADD;
    }
    if (old != null && current == null) {
      return Type.DELETE;
    }
    if (old == null) {
      return Type.UNCHANGED;
    }
    Type meta = Boolean.TRUE.equals(old.isDir()) != Boolean.TRUE.equals(current.isDir()) ? Type.MODIFY : Type.UNCHANGED;
    if (hi == Type.UNCHANGED && oh == null) {
      return meta;
    }
    return meta == Type.UNCHANGED && hi == Type.UNCHANGED ? Type.UNCHANGED : Type.MODIFY;
  }

  /** Pairs additions with deletions of the same hash, in key order, as dvc-data's {@code _detect_renames}. */
  private static List<Change> renames(List<Change> changes) {
    List<Change> out = new ArrayList<>();
    List<Change> added = new ArrayList<>();
    List<Change> deleted = new ArrayList<>();
    for (Change c : changes) {
      if (c.type() == Type.ADD) {
        added.add(c);
      } else if (c.type() == Type.DELETE) {
        deleted.add(c);
      } else {
        out.add(c);
      }
    }
    Comparator<Change> byKey = Comparator.comparing(Change::key, CodePointOrder.INSTANCE);
    added.sort(byKey);
    deleted.sort(byKey);
    Map<HashInfo, ArrayDeque<Change>> byHash = new LinkedHashMap<>();
    List<Change> noHash = new ArrayList<>();
    for (Change d : deleted) {
      if (d.old().hash() == null) {
        noHash.add(d);
      } else {
        byHash.computeIfAbsent(d.old().hash(), h -> new ArrayDeque<>()).addLast(d);
      }
    }
    for (Change a : added) {
      HashInfo h = a.current().hash();
      ArrayDeque<Change> q = h == null ? null : byHash.get(h);
      if (q != null && !q.isEmpty()) {
        Change d = q.pollFirst();
        out.add(new Change(Type.RENAME, d.old(), a.current()));
      } else {
        out.add(a);
      }
    }
    byHash.values().forEach(out::addAll);
    out.addAll(noHash);
    return out;
  }
}
