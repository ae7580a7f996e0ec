package dev.cairn.registry;

import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import dev.cairn.revision.GitRevisions;
import dev.cairn.storage.Redact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A source repository opened at one commit: its Git objects (a cached clone, or the repository
 * itself when it is a local path), the commit, and what that commit records. Obtained from {@link
 * Registry#open}, which closes it. Not thread-safe.
 */
public final class SourceRepo {
  private final String url;
  private final String location;
  private final Path localDir;
  private final Repository git;
  private final ObjectId commit;
  private final ObjectId tree;
  private List<GitRevisions.RevOutput> outputs;
  private SourceTree sourceTree;

  SourceRepo(String url, String location, Path localDir, Repository git, ObjectId commit) throws IOException {
    this.url = url;
    this.location = location;
    this.localDir = localDir;
    this.git = git;
    this.commit = commit.copy();
    try (RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(commit);
      this.tree = c.getTree().copy();
    }
  }

  /** The URL or path as the user gave it (what a {@code .dvc} file records). */
  public String url() {
    return url;
  }

  /** Where it was read from: the URL, or the absolute local path. */
  public String location() {
    return location;
  }

  /** The source's directory on this machine (work tree or bare repository), or null for a remote URL. */
  public Path localDir() {
    return localDir;
  }

  /** The commit read, as a full SHA. */
  public String rev() {
    return commit.name();
  }

  /** The URL for messages: credentials removed, with the commit's first 7 hex digits. */
  public String describe() {
    return Redact.url(url) + "@" + commit.abbreviate(7).name();
  }

  Repository git() {
    return git;
  }

  ObjectId commitId() {
    return commit;
  }

  ObjectId treeId() {
    return tree;
  }

  /** The outputs the commit records in its {@code .dvc} files and {@code dvc.lock} files. */
  List<GitRevisions.RevOutput> outputs() throws IOException {
    if (outputs == null) {
      outputs = GitRevisions.outputsAt(git, commit);
    }
    return outputs;
  }

  /** The commit's files and outputs together. */
  public SourceTree tree() throws IOException {
    if (sourceTree == null) {
      sourceTree = new SourceTree(this);
    }
    return sourceTree;
  }

  /** A file of the commit as text, or null when absent (or not a regular file). */
  String readText(String path) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(git, path, tree)) {
      if (tw == null || tw.isSubtree()) {
        return null;
      }
      return new String(git.open(tw.getObjectId(0)).getBytes(1 << 24), StandardCharsets.UTF_8);
    }
  }

  /**
   * The source's configuration at this commit: the user's system and global files, its committed
   * {@code .dvc/config} (never a {@code config.local}: remotes and their keys come from what the
   * source's owners committed), and {@code extraFile} over them when given.
   */
  DvcConfig config(Path extraFile, Map<String, String> env) throws CairnException {
    // relative remote paths of a local source resolve in its directory; a clone has no such files
    Path dvcDir = (localDir != null ? localDir : git.getDirectory().toPath()).resolve(".dvc");
    try {
      return DvcConfig.forRevision(readText(".dvc/config"), describe() + ":.dvc/config", dvcDir, extraFile, env);
    } catch (IOException e) {
      throw CairnException.invalidInput("Cannot read the configuration of " + describe() + ": " + e.getMessage());
    }
  }
}
