package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.GitHttpCredentials;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.PullRequestResult;
import dev.cairn.forge.ci.CiEnvironment;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * {@code cairn pr create}, as {@code cml pr create}: commit some paths (by default what the
 * pipeline changed: modified tracked files, new {@code .dvc} files, {@code dvc.lock}) on top of
 * {@code HEAD} to a branch {@code cairn/<short-sha>}, push it to the remote with the forge token,
 * and open a pull request into the current branch, or reuse the open one from that branch (its
 * title and description replaced, so a rerun updates it). The working tree, the index and the
 * local branches are left as they were. A single-use command, configured with setters:
 *
 * <pre>{@code
 * PullRequestJob.Result r = PullRequestJob.in(dir, System.getenv()).setPaths(List.of(dir.resolve("dvc.lock")))
 *     .setBodyFile(dir.resolve("report/report.md")).call();
 * r.pullRequest().ifPresent(p -> System.out.println(p.pullRequest().url()));
 * }</pre>
 *
 * <p>The branch is this command's: a rerun replaces it with a fresh commit on top of {@code HEAD}
 * (a forced push, refused if the branch moved on the remote since it was read).
 */
public final class PullRequestJob {
  /** The prefix of the default branch name. */
  public static final String BRANCH_PREFIX = "cairn/";
  /** What the forges recognise in a commit message as "do not run CI for this commit". */
  public static final String SKIP_CI = "[skip ci]";

  /**
   * What the job did.
   *
   * @param branch the pull request's branch
   * @param baseBranch the branch it goes into
   * @param commit the commit pushed; empty when there was nothing to commit
   * @param files the files that differ from {@code HEAD} in that commit
   * @param pullRequest what the forge did; empty when there was nothing to commit
   */
  public record Result(String branch, String baseBranch, String commit, List<String> files,
      Optional<PullRequestResult> pullRequest) {
    /** Copies the list. */
    public Result {
      files = List.copyOf(files);
    }
  }

  private final Path dir;
  private final Map<String, String> env;
  private List<Path> paths = List.of();
  private String branch;
  private String baseBranch;
  private String title;
  private String body;
  private Path bodyFile;
  private List<String> labels = List.of();
  private MergeMethod autoMerge;
  private boolean skipCi;
  private String message;
  private String remote = Constants.DEFAULT_REMOTE_NAME;
  private String userName;
  private String userEmail;
  private ForgeRequest forge = ForgeRequest.fromCi();
  private boolean publish = true;
  private String publishUrl;
  private Consumer<String> listener = line -> { };
  private boolean called;

  private PullRequestJob(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = Map.copyOf(env);
  }

  /** The job for the Git repository containing {@code dir}; {@code env} has the CI run's variables and tokens. */
  public static PullRequestJob in(Path dir, Map<String, String> env) {
    return new PullRequestJob(dir.toAbsolutePath().normalize(), env);
  }

  /** The files or directories to commit; none: what the pipeline changed (see the class). */
  public PullRequestJob setPaths(List<Path> p) {
    this.paths = List.copyOf(p);
    return this;
  }

  /** The branch to push to; default {@code cairn/<short SHA of HEAD>}. */
  public PullRequestJob setBranch(String b) {
    this.branch = b;
    return this;
  }

  /** The branch the pull request goes into; default the current branch (in CI: the run's branch). */
  public PullRequestJob setBaseBranch(String b) {
    this.baseBranch = b;
    return this;
  }

  /** The pull request's title; default {@code Cairn: results for <base> at <short SHA>}. */
  public PullRequestJob setTitle(String t) {
    this.title = t;
    return this;
  }

  /** The pull request's description; default a line naming the commit and the files. */
  public PullRequestJob setBody(String b) {
    this.body = b;
    return this;
  }

  /** A Markdown file to use as the description (e.g. the report), its local images published. */
  public PullRequestJob setBodyFile(Path f) {
    this.bodyFile = f;
    return this;
  }

  /** Labels to set (where the forge has them). */
  public PullRequestJob setLabels(List<String> l) {
    this.labels = List.copyOf(l);
    return this;
  }

  /** Request auto-merge by this method ({@code null}: none). */
  public PullRequestJob setAutoMerge(MergeMethod m) {
    this.autoMerge = m;
    return this;
  }

  /** Append {@value #SKIP_CI} to the commit message, so that the push starts no CI run. */
  public PullRequestJob setSkipCi(boolean s) {
    this.skipCi = s;
    return this;
  }

  /** The commit message; default {@code Cairn: results for <short SHA>}. */
  public PullRequestJob setMessage(String m) {
    this.message = m;
    return this;
  }

  /** The Git remote to push to; default {@code origin}. */
  public PullRequestJob setRemote(String r) {
    this.remote = Objects.requireNonNull(r);
    return this;
  }

  /** The commit's author and committer; default Git's {@code user.name}/{@code user.email}, else {@code Cairn}. */
  public PullRequestJob setUser(String name, String email) {
    this.userName = name;
    this.userEmail = email;
    return this;
  }

  /** The forge, repository and token; default from the CI run, else from the remote's URL. */
  public PullRequestJob setForge(ForgeRequest f) {
    this.forge = Objects.requireNonNull(f);
    return this;
  }

  /** Whether to upload the local images of the body file (to {@code publishUrl} when not null). */
  public PullRequestJob setPublish(boolean p, String url) {
    this.publish = p;
    this.publishUrl = url;
    return this;
  }

  /** Where progress lines go; dropped by default. */
  public PullRequestJob setListener(Consumer<String> l) {
    this.listener = Objects.requireNonNull(l);
    return this;
  }

  /**
   * Runs the job once.
   *
   * @throws CairnException exit 2 for bad options, paths, a missing remote or token, or no forge;
   *     exit 3 when not in a Git repository with a commit; exit 1 when the push or a forge call fails
   */
  public Result call() throws CairnException, IOException {
    if (called) {
      throw new IllegalStateException("PullRequestJob can only be called once");
    }
    called = true;
    FileRepositoryBuilder rb = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (rb.getGitDir() == null) {
      throw CairnException.unexpectedState("Not in a Git repository: " + dir);
    }
    try (Repository git = rb.build()) {
      if (git.isBare()) {
        throw CairnException.unexpectedState("'" + git.getDirectory() + "' is a bare repository: run in a clone");
      }
      return run(git);
    }
  }

  private Result run(Repository git) throws CairnException, IOException {
    Path root = git.getWorkTree().toPath().toAbsolutePath().normalize();
    ObjectId headId = git.resolve("HEAD^{commit}");
    if (headId == null) {
      throw CairnException.unexpectedState("HEAD has no commit yet in " + root + ": commit first");
    }
    String remoteUrl = git.getConfig().getString("remote", remote, "pushurl");
    if (remoteUrl == null) {
      remoteUrl = git.getConfig().getString("remote", remote, "url");
    }
    if (remoteUrl == null) {
      throw CairnException.invalidInput("No Git remote '" + remote + "' in " + root + ": add it (git remote add "
          + remote + " <url>) or give --remote");
    }
    ForgeConnection c = ForgeConnection.open(forge, "", env, remoteUrl);
    if (!labels.isEmpty() && !c.client.supportsLabels()) {
      throw CairnException.invalidInput(c.client.kind().displayName() + " pull requests have no labels: drop --label");
    }
    if (autoMerge != null && !c.client.autoMergeMethods().contains(autoMerge)) {
      throw CairnException.invalidInput(c.client.kind().displayName() + " cannot auto-merge by " + autoMerge.id()
          + (c.client.autoMergeMethods().isEmpty() ? "" : ": use " + c.client.autoMergeMethods().stream()
              .map(MergeMethod::id).map(m -> "--" + m).reduce((a, b) -> a + " or " + b).orElse("")));
    }
    String base = baseBranch(git, c.ci);
    String shortSha = headId.abbreviate(7).name();
    String head = branch != null ? branch : BRANCH_PREFIX + shortSha;
    try {
      PullRequestRequest.of(head, base, "-", "");
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }

    List<String> rel = new ArrayList<>();
    for (Path p : paths) {
      rel.add(BranchCommit.relative(root, dir.resolve(p)));
    }
    if (rel.isEmpty()) {
      rel = pipelineChanges(git);
    }
    if (rel.isEmpty()) {
      listener.accept("Nothing to commit: no tracked file changed, no new .dvc file, no dvc.lock change");
      return new Result(head, base, "", List.of(), Optional.empty());
    }
    String msg = (message != null ? message : "Cairn: results for " + shortSha) + (skipCi ? " " + SKIP_CI : "");
    BranchCommit.Made made;
    try (RevWalk rw = new RevWalk(git)) {
      made = BranchCommit.make(git, rw.parseCommit(headId), rel, ident(git), msg);
    }
    if (made == null) {
      listener.accept("Nothing to commit: " + String.join(", ", rel) + " " + (rel.size() == 1 ? "is" : "are")
          + " as in HEAD (" + shortSha + ")");
      return new Result(head, base, "", List.of(), Optional.empty());
    }
    listener.accept("Committed " + made.changed().size() + (made.changed().size() == 1 ? " file" : " files") + " on top of "
        + shortSha + " as " + made.commit().abbreviate(7).name() + ": " + String.join(", ", made.changed()));
    push(git, remoteUrl, made.commit(), head, c);
    listener.accept("Pushed " + head + " to " + remote);

    String text = description(c, head, base, shortSha, made.changed());
    try {
      PullRequestRequest req = new PullRequestRequest(head, base,
          title != null ? title : "Cairn: results for " + base + " at " + shortSha, text, labels,
          Optional.ofNullable(autoMerge), true);
      PullRequestResult r = c.client.openPullRequest(req);
      return new Result(head, base, made.commit().name(), made.changed(), Optional.of(r));
    } catch (ForgeException e) {
      throw ForgeConnection.failed(e);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  /** The flag, else the checked-out branch, else the CI run's branch. */
  private String baseBranch(Repository git, Optional<CiEnvironment> ci) throws IOException, CairnException {
    if (baseBranch != null) {
      return baseBranch;
    }
    String full = git.getFullBranch();
    if (full != null && full.startsWith(Constants.R_HEADS)) {
      return full.substring(Constants.R_HEADS.length());
    }
    Optional<String> fromCi = ci.map(CiEnvironment::headBranch).filter(b -> !b.isEmpty());
    if (fromCi.isPresent()) {
      return fromCi.get();
    }
    throw CairnException.invalidInput("HEAD is detached and the CI run names no branch: give --target-branch");
  }

  /** Modified or deleted tracked files, new {@code .dvc} files and {@code dvc.lock}, in name order. */
  private static List<String> pipelineChanges(Repository git) throws CairnException {
    try {
      Status s = Git.wrap(git).status().call();
      TreeSet<String> out = new TreeSet<>();
      out.addAll(s.getModified());
      out.addAll(s.getMissing());
      out.addAll(s.getChanged());
      out.addAll(s.getAdded());
      out.addAll(s.getRemoved());
      for (String u : s.getUntracked()) {
        String name = u.substring(u.lastIndexOf('/') + 1);
        if (name.endsWith(".dvc") || name.equals("dvc.lock")) {
          out.add(u);
        }
      }
      return new ArrayList<>(out);
    } catch (GitAPIException e) {
      throw CairnException.failed("Cannot read the Git status: " + e.getMessage(), e);
    }
  }

  private PersonIdent ident(Repository git) {
    String name = userName != null ? userName : git.getConfig().getString("user", null, "name");
    String email = userEmail != null ? userEmail : git.getConfig().getString("user", null, "email");
    return new PersonIdent(name == null || name.isBlank() ? "Cairn" : name,
        email == null || email.isBlank() ? "cairn@localhost" : email);
  }

  /** Pushes {@code commit} to {@code refs/heads/<branch>}, replacing what the remote had when read. */
  private void push(Repository git, String url, RevCommit commit, String head, ForgeConnection c)
      throws CairnException {
    String ref = Constants.R_HEADS + head;
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (URISyntaxException e) {
      throw CairnException.invalidInput("Cannot read the URL of remote '" + remote + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http") || scheme.equals("https");
    GitHttpCredentials creds = GitHttpCredentials.of(c.client.kind(), c.token);
    CredentialsProvider cp = http
        ? new UsernamePasswordCredentialsProvider(creds.username(), creds.password().reveal()) : null;
    if (http) {
      // credentials written into the URL (GitLab's CI clone URL carries the job token) give way to the forge token
      uri = uri.setUser(null).setPass(null);
      url = uri.toString();
    }
    String where = "branch " + head + " to remote '" + remote + "' (" + uri.setUser(null).setPass(null) + ")";
    try {
      ObjectId old = ObjectId.zeroId();
      for (Ref r : Git.lsRemoteRepository().setRemote(url).setHeads(true).setCredentialsProvider(cp).call()) {
        if (r.getName().equals(ref)) {
          old = r.getObjectId();
        }
      }
      try (Transport t = Transport.open(git, uri)) {
        if (cp != null) {
          t.setCredentialsProvider(cp);
        }
        RemoteRefUpdate u = new RemoteRefUpdate(git, null, commit, ref, true, null, old);
        PushResult result = t.push(NullProgressMonitor.INSTANCE, List.of(u));
        RemoteRefUpdate done = result.getRemoteUpdate(ref);
        switch (done.getStatus()) {
          case OK, UP_TO_DATE -> { }
          case REJECTED_REMOTE_CHANGED -> throw CairnException.failed("Push of " + where + " refused: the branch moved on "
              + "the remote while this ran; run again", null);
          default -> throw CairnException.failed("Push of " + where + " refused: " + done.getStatus().name()
              .toLowerCase(Locale.ROOT).replace('_', ' ') + (done.getMessage() == null ? "" : " (" + redact(c,
              done.getMessage()) + ")") + pushHint(c.client.kind()), null);
        }
      }
    } catch (GitAPIException | IOException e) {
      throw CairnException.failed("Push of " + where + " failed: " + redact(c, String.valueOf(e.getMessage()))
          + pushHint(c.client.kind()), null);
    }
  }

  private static String redact(ForgeConnection c, String text) {
    return c.token.redact(text);
  }

  private static String pushHint(ForgeKind kind) {
    return switch (kind) {
      case GITHUB -> "; the token needs 'permissions: contents: write'";
      case GITLAB -> "; the token needs the write_repository scope";
      case AZURE_DEVOPS -> "; the build service needs 'Contribute' and 'Create branch' on the repository";
      default -> "; the token needs write access to the repository";
    };
  }

  /** The body text, the body file (its images published), or a line naming the commit and files. */
  private String description(ForgeConnection c, String head, String base, String shortSha, List<String> files)
      throws CairnException, IOException {
    if (bodyFile != null) {
      Path f = dir.resolve(bodyFile);
      if (!Files.isRegularFile(f)) {
        throw CairnException.invalidInput("Body file '" + f + "' does not exist");
      }
      String md = Files.readString(f, StandardCharsets.UTF_8);
      return publish ? c.publishImages(md, f.toAbsolutePath().getParent(), CommentTarget.auto(), publishUrl, listener) : md;
    }
    if (body != null) {
      return body;
    }
    StringBuilder sb = new StringBuilder("Results committed by `cairn pr create` on top of `" + base + "` at "
        + shortSha + ", branch `" + head + "`:\n\n");
    files.stream().limit(50).forEach(f -> sb.append("- `").append(f).append("`\n"));
    if (files.size() > 50) {
      sb.append("- … and ").append(files.size() - 50).append(" more\n");
    }
    c.ci.map(CiEnvironment::runUrl).filter(u -> !u.isEmpty()).ifPresent(u -> sb.append("\nRun: ").append(u).append('\n'));
    return sb.toString();
  }
}
