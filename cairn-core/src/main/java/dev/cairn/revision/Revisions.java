package dev.cairn.revision;

import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens the revisions of a repository as {@link RevisionFiles}: the workspace, and Git commits by
 * name, each layered over the DVC cache through {@link CachedOutputs}. Selects revisions the way
 * DVC's {@code brancher} does for {@code -a/-T/-A}. Holds an open JGit repository: close it.
 * Not thread-safe.
 */
public final class Revisions implements AutoCloseable {
  /** The name of the working tree among revisions. */
  public static final String WORKSPACE = "workspace";

  private final Path root;
  private final Repository git;
  private final CachedOutputs cached;

  private Revisions(Path root, Repository git, CachedOutputs cached) {
    this.root = root;
    this.git = git;
    this.cached = cached;
  }

  /**
   * Opens the repository at {@code root} ({@code .git} there or above it; without Git only the
   * workspace is available).
   */
  public static Revisions open(Path root, CachedOutputs cached) throws IOException {
    FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
    Repository repo = b.getGitDir() == null ? null : b.build();
    return new Revisions(root.toAbsolutePath().normalize(), repo, cached);
  }

  /**
   * Opens the revisions of {@code repo}, with the DVC-tracked outputs that Git does not hold read
   * from its cache ({@link CachedOutputs#fromCache}).
   */
  public static Revisions open(Repo repo) throws IOException {
    return open(repo.root(), CachedOutputs.fromCache(repo.odb()));
  }

  /** Whether a Git repository was found. */
  public boolean hasGit() {
    return git != null;
  }

  /** The working tree, with DVC-tracked outputs missing from it read from the cache. */
  public RevisionFiles workspace() throws IOException {
    WorkspaceFiles ws = new WorkspaceFiles(root);
    return ws.withFallback(cached.forRevision(ws));
  }

  /**
   * The files of {@code rev} ({@code "workspace"}, a branch, tag, commit id or any Git revision
   * expression such as {@code HEAD~1}).
   *
   * @throws UnknownRevisionException when {@code rev} does not name a commit
   */
  public RevisionFiles at(String rev) throws IOException, UnknownRevisionException {
    if (WORKSPACE.equals(rev)) {
      return workspace();
    }
    ObjectId id = resolve(rev);
    RevisionFiles files = new GitRevisionFiles(git, id);
    if (git.getWorkTree() != null && !git.getWorkTree().toPath().toAbsolutePath().normalize().equals(root)) {
      String prefix = git.getWorkTree().toPath().toAbsolutePath().normalize().relativize(root).toString()
          .replace('\\', '/');
      files = new SubdirFiles(files, prefix);
    }
    return files.withFallback(cached.forRevision(files));
  }

  /**
   * The files Git holds at {@code rev}, without the cache fallback of {@link #at} (for reading
   * what a revision records, not its outputs' content).
   *
   * @throws UnknownRevisionException when {@code rev} does not name a commit
   */
  public RevisionFiles gitFiles(String rev) throws IOException, UnknownRevisionException {
    ObjectId id = resolve(rev);
    RevisionFiles files = new GitRevisionFiles(git, id);
    if (git.getWorkTree() != null && !git.getWorkTree().toPath().toAbsolutePath().normalize().equals(root)) {
      String prefix = git.getWorkTree().toPath().toAbsolutePath().normalize().relativize(root).toString()
          .replace('\\', '/');
      files = new SubdirFiles(files, prefix);
    }
    return files;
  }

  /** Resolves {@code rev} to a commit id. */
  public ObjectId resolve(String rev) throws IOException, UnknownRevisionException {
    if (git == null) {
      throw new UnknownRevisionException(rev);
    }
    ObjectId id;
    try {
      id = git.resolve(rev + "^{commit}");
    } catch (RevisionSyntaxException | IOException e) {
      throw new UnknownRevisionException(rev);
    }
    if (id == null) {
      throw new UnknownRevisionException(rev);
    }
    return id;
  }

  /**
   * Whether tracked files differ from HEAD (untracked files ignored), as DVC's {@code
   * scm.is_dirty(untracked_files=False)}; false without Git.
   */
  public boolean isDirty() throws IOException {
    if (git == null || git.resolve(Constants.HEAD) == null) {
      return false;
    }
    try {
      Status st = Git.wrap(git).status().call();
      return !(st.getAdded().isEmpty() && st.getChanged().isEmpty() && st.getRemoved().isEmpty()
          && st.getMissing().isEmpty() && st.getModified().isEmpty());
    } catch (GitAPIException e) {
      throw new IOException("Cannot read the Git status of " + root + ": " + e.getMessage(), e);
    }
  }

  /** Whether the repository has at least one commit. */
  public boolean hasCommits() throws IOException {
    return git != null && git.resolve(Constants.HEAD) != null;
  }

  /** The checked-out branch's short name, empty on a detached HEAD or without Git. */
  public Optional<String> activeBranch() throws IOException {
    if (git == null) {
      return Optional.empty();
    }
    Ref head = git.exactRef(Constants.HEAD);
    if (head == null || !head.isSymbolic()) {
      return Optional.empty();
    }
    return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
  }

  /**
   * The revisions to read, as DVC's {@code brancher}: {@code "workspace"} first, then {@code
   * revs}, branches ({@code allBranches}), tags ({@code allTags}) or every commit ({@code
   * allCommits}), grouped by commit with their names joined by {@code ","}. With no revisions and
   * no flag, the single entry {@code ""} is the workspace (DVC's key in that case).
   */
  public Map<String, RevisionFiles> select(List<String> revs, boolean allBranches, boolean allTags,
      boolean allCommits) throws IOException, UnknownRevisionException {
    Map<String, RevisionFiles> out = new LinkedHashMap<>();
    if (revs.isEmpty() && !allBranches && !allTags && !allCommits) {
      out.put("", workspace());
      return out;
    }
    out.put(WORKSPACE, workspace());
    List<String> names = new ArrayList<>();
    for (String r : revs) {
      if (!WORKSPACE.equals(r)) {
        names.add(r);
      }
    }
    if (git != null) {
      if (allCommits) {
        names.addAll(allCommitIds());
      } else {
        if (allBranches) {
          git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)
              .forEach(r -> names.add(Repository.shortenRefName(r.getName())));
        }
        if (allTags) {
          git.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)
              .forEach(r -> names.add(Repository.shortenRefName(r.getName())));
        }
      }
    }
    Map<ObjectId, List<String>> byCommit = new LinkedHashMap<>();
    for (String n : names) {
      List<String> l = byCommit.computeIfAbsent(resolve(n), k -> new ArrayList<>());
      if (!l.contains(n)) {
        l.add(n);
      }
    }
    for (Map.Entry<ObjectId, List<String>> e : byCommit.entrySet()) {
      out.put(String.join(",", e.getValue()), at(e.getKey().name()));
    }
    return out;
  }

  private List<String> allCommitIds() throws IOException {
    List<String> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git)) {
      for (Ref r : git.getRefDatabase().getRefs()) {
        ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
        if (id == null) {
          continue;
        }
        try {
          walk.markStart(walk.parseCommit(id));
        } catch (IOException e) {
          // a ref to a non-commit (e.g. a tag of a blob) has no history to list
        }
      }
      for (RevCommit c : walk) {
        out.add(c.name());
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (git != null) {
      git.close();
    }
  }
}
