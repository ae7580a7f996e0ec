package dev.cairn.exp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import dev.cairn.internal.Flock;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * A queue of experiments kept the way DVC keeps {@code exp run --queue} entries: a stash-like ref
 * ({@link ExpRef#CELERY_STASH}, failed ones under {@link ExpRef#CELERY_FAILED_STASH}) whose reflog
 * lists the entries, each a commit with the message {@code dvc-exp:<rev>:<baseline_rev>:<name>}. The
 * ref points at the newest entry; {@code git reflog refs/exps/celery/stash} lists them all.
 *
 * <p>The reflog file is written here, not by JGit (which does not log refs outside {@code
 * refs/heads} by default), in Git's format ({@code <old> <new> <ident>\t<message>}); dropping an
 * entry rewrites it atomically. Changes are serialised within the process; two processes changing
 * the same queue at once are not guarded against by this class; {@code dev.cairn.queue} takes its
 * queue lock around every change.
 */
public final class ExpQueue {
  private static final String PREFIX = "dvc-exp:";

  /**
   * One entry.
   *
   * @param commit the stash commit (baseline + the queued workspace and params)
   * @param rev the revision the entry was made from (our entries: the baseline)
   * @param baseline the baseline commit, full SHA
   * @param name the experiment name (may be empty in entries DVC made without one)
   */
  public record Entry(ObjectId commit, String rev, String baseline, String name) {
    /** The reflog (and commit) message, {@code dvc-exp:<rev>:<baseline>:<name>}. */
    public String message() {
      return PREFIX + rev + ":" + baseline + ":" + name;
    }

    /** The same entry under another name (a name given when an unnamed entry is submitted). */
    public Entry withName(String newName) {
      return new Entry(commit, rev, baseline, newName);
    }
  }

  private final Repository git;
  private final String ref;

  /**
   * The queue kept under {@code ref}: {@link ExpRef#CELERY_STASH} (queued) or {@link
   * ExpRef#CELERY_FAILED_STASH} (failed).
   */
  public ExpQueue(Repository git, String ref) {
    this.git = git;
    this.ref = ref;
  }

  /** Where the queue lock lives under {@code .dvc}. */
  static final String LOCK_FILE = "tmp/exps/queue.lock";

  /**
   * The queue's lock, held while entries are added, dropped or moved and while runners change their
   * task records: {@code flock(2)} on {@code .dvc/tmp/exps/queue.lock}, so it dies with its process;
   * threads of one process take it in turn, and a thread that holds it may take it again. Waits up
   * to 10 s for another process (critical sections are short), then fails.
   */
  public static Lock lock(Path dvcDir) throws IOException {
    Path f = dvcDir.resolve(LOCK_FILE);
    Files.createDirectories(f.getParent());
    THREADS.lock();
    if (THREADS.getHoldCount() > 1 || !Flock.available()) {
      return new Lock(-1);
    }
    int fd = Flock.open(f.toString());
    if (fd < 0) {
      THREADS.unlock();
      throw new IOException("cannot open the queue lock " + f);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Flock.tryLock(fd)) {
      if (System.nanoTime() > deadline) {
        Flock.release(fd);
        THREADS.unlock();
        throw new IOException("the experiment queue is locked by another process (" + f + "); try again");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Flock.release(fd);
        THREADS.unlock();
        throw new java.io.InterruptedIOException("interrupted while waiting for the queue lock");
      }
    }
    return new Lock(fd);
  }

  private static final ReentrantLock THREADS = new ReentrantLock();

  /** A held queue lock; {@link #close()} releases it (once). */
  public static final class Lock implements AutoCloseable {
    private final int fd;
    private boolean open = true;

    private Lock(int fd) {
      this.fd = fd;
    }

    @Override
    public void close() {
      if (open) {
        open = false;
        if (fd >= 0) {
          Flock.release(fd);
        }
        THREADS.unlock();
      }
    }
  }

  private Path logFile() {
    return git.getDirectory().toPath().resolve("logs").resolve(ref);
  }

  /** The entries, oldest first; lines that are not {@code dvc-exp:} entries are skipped. */
  public synchronized List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String line : lines()) {
      parse(line).ifPresent(out::add);
    }
    return out;
  }

  private List<String> lines() throws IOException {
    Path f = logFile();
    if (!Files.exists(f)) {
      return new ArrayList<>();
    }
    List<String> l = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    l.removeIf(String::isBlank);
    return l;
  }

  static Optional<Entry> parse(String line) {
    int tab = line.indexOf('\t');
    if (tab < 0 || line.length() < 82) {
      return Optional.empty();
    }
    String msg = line.substring(tab + 1);
    if (!msg.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = msg.substring(PREFIX.length()).split(":", -1);
    if (parts.length < 3) {
      return Optional.empty();
    }
    try {
      ObjectId id = ObjectId.fromString(line.substring(41, 81));
      return Optional.of(new Entry(id, parts[0], parts[1], parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The entry an entry commit records in its own message ({@code dvc-exp:<rev>:<baseline>:<name>},
   * as {@code exp run --queue} writes it), for a clone that has the commit but not the reflog.
   */
  public static Optional<Entry> ofCommit(Repository git, ObjectId commit) throws IOException {
    String msg;
    try (org.eclipse.jgit.revwalk.RevWalk rw = new org.eclipse.jgit.revwalk.RevWalk(git)) {
      msg = rw.parseCommit(commit).getFullMessage().strip();
    }
    if (!msg.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = msg.substring(PREFIX.length()).split(":", -1);
    if (parts.length < 3 || !parts[1].matches("[0-9a-f]{40}")) {
      return Optional.empty();
    }
    return Optional.of(new Entry(commit.copy(), parts[0], parts[1], parts[2]));
  }

  /** Appends an entry and points the ref at it. */
  public synchronized void push(Entry e) throws IOException {
    List<String> lines = lines();
    ObjectId old = lines.isEmpty() ? ObjectId.zeroId() : ObjectId.fromString(lines.get(lines.size() - 1).substring(41, 81));
    lines.add(old.name() + " " + e.commit().name() + " " + new PersonIdent(git).toExternalString() + "\t" + e.message());
    writeLines(lines);
    setRef(e.commit());
  }

  /** Removes the entry for {@code commit}; the ref moves to the newest remaining entry or is deleted. */
  public synchronized void drop(ObjectId commit) throws IOException {
    List<String> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      Optional<Entry> e = parse(lines.get(i));
      if (e.isPresent() && e.get().commit().equals(commit)) {
        lines.remove(i);
        break;
      }
    }
    if (lines.isEmpty()) {
      RefUpdate ru = git.updateRef(ref);
      ru.setForceUpdate(true);
      ru.disableRefLog();
      if (git.exactRef(ref) != null) {
        check(ru.delete(), ru);
      }
      Files.deleteIfExists(logFile());
      return;
    }
    writeLines(lines);
    setRef(ObjectId.fromString(lines.get(lines.size() - 1).substring(41, 81)));
  }

  private void writeLines(List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    AtomicFiles.write(logFile(), sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void setRef(ObjectId id) throws IOException {
    RefUpdate ru = git.updateRef(ref);
    ru.setNewObjectId(id);
    ru.setForceUpdate(true);
    ru.disableRefLog();
    check(ru.forceUpdate(), ru);
  }

  private static void check(RefUpdate.Result r, RefUpdate ru) throws IOException {
    switch (r) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
      default -> throw new IOException("cannot update " + ru.getName() + ": " + r);
    }
  }
}
