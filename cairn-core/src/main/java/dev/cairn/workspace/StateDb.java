package dev.cairn.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state cache (dvc-format.md §9): remembers the md5 of a file by (path, device+inode,
 * mtime in ns, size), so a file whose stat did not change is never read again. SQLite in WAL mode
 * under {@code .dvc/tmp/cairn-state.db}: safe with concurrent readers and with one writer at a time
 * (writers wait on SQLite's busy timeout). Only files are stored. Machine-local; never shared with
 * DVC. If the database cannot be opened (read-only disk, corrupt file) the state degrades to a
 * no-op and everything is simply re-hashed.
 */
public final class StateDb implements AutoCloseable {
  /** A file's identity: any change means the stored hash is stale. */
  public record Stamp(String inode, long mtimeNs, long size) {}

  private final Connection conn;
  private final Map<String, Row> pending = new HashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  private record Row(Stamp stamp, String md5) {}

  private StateDb(Connection conn) {
    this.conn = conn;
  }

  /** Opens (creating if needed) the state database in {@code tmpDir}. Never throws. */
  public static StateDb open(Path tmpDir) {
    try {
      Files.createDirectories(tmpDir);
      dev.cairn.internal.SqliteNative.prepare();
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmpDir.resolve("cairn-state.db"));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("CREATE TABLE IF NOT EXISTS state (path TEXT PRIMARY KEY, inode TEXT NOT NULL,"
            + " mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, md5 TEXT NOT NULL)");
      }
      c.setAutoCommit(true);
      return new StateDb(c);
    } catch (IOException | SQLException e) {
      return new StateDb(null);
    }
  }

  /** A state that remembers nothing (for tests and read-only situations). */
  public static StateDb disabled() {
    return new StateDb(null);
  }

  /** The cached md5 of {@code path} if its stamp still matches, else null. */
  public synchronized String get(String path, Stamp stamp) {
    Row pend = pending.get(path);
    if (pend != null) {
      return count(pend.stamp.equals(stamp) ? pend.md5 : null);
    }
    if (conn == null) {
      return count(null);
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT inode, mtime_ns, size, md5 FROM state WHERE path = ?")) {
      ps.setString(1, path);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && new Stamp(rs.getString(1), rs.getLong(2), rs.getLong(3)).equals(stamp)) {
          return count(rs.getString(4));
        }
      }
    } catch (SQLException e) {
      return count(null);
    }
    return count(null);
  }

  /**
   * Loads every row whose path starts with {@code prefix} (one query instead of one per file),
   * returning path → (stamp, md5). Used when a whole directory is checked.
   */
  public synchronized Map<String, Object[]> loadPrefix(String prefix) {
    Map<String, Object[]> out = new HashMap<>();
    if (conn == null) {
      return out;
    }
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT path, inode, mtime_ns, size, md5 FROM state WHERE path >= ? AND path < ?")) {
      ps.setString(1, prefix);
      ps.setString(2, prefix + '\uffff');
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Object[] {new Stamp(rs.getString(2), rs.getLong(3), rs.getLong(4)), rs.getString(5)});
        }
      }
    } catch (SQLException e) {
      return out;
    }
    return out;
  }

  private String count(String md5) {
    (md5 == null ? misses : hits).incrementAndGet();
    return md5;
  }

  /** Counts a lookup answered from a {@link #loadPrefix} map. */
  public void recordHit(boolean hit) {
    (hit ? hits : misses).incrementAndGet();
  }

  /** Remembers a hash; written to disk by {@link #flush()}. */
  public synchronized void put(String path, Stamp stamp, String md5) {
    pending.put(path, new Row(stamp, md5));
  }

  /** Writes pending rows in one transaction. Failures are ignored: the state is only a cache. */
  public synchronized void flush() {
    if (conn == null || pending.isEmpty()) {
      pending.clear();
      return;
    }
    try {
      conn.setAutoCommit(false);
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT OR REPLACE INTO state (path, inode, mtime_ns, size, md5) VALUES (?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, Row> e : pending.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue().stamp.inode());
          ps.setLong(3, e.getValue().stamp.mtimeNs());
          ps.setLong(4, e.getValue().stamp.size());
          ps.setString(5, e.getValue().md5);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      conn.commit();
    } catch (SQLException e) {
      try {
        conn.rollback();
      } catch (SQLException ignored) {
        // the state is a cache: losing it costs only re-hashing
      }
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException ignored) {
        // ignore
      }
      pending.clear();
    }
  }

  /** Lookups answered from the state since opening. */
  public long hits() {
    return hits.get();
  }

  /** Lookups that had to hash the file. */
  public long misses() {
    return misses.get();
  }

  /** Forgets paths (after they were removed). */
  public synchronized void forget(List<String> paths) {
    paths.forEach(pending::remove);
  }

  @Override
  public synchronized void close() {
    flush();
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException ignored) {
        // ignore
      }
    }
  }
}
