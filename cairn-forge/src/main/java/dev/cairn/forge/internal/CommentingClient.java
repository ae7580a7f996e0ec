package dev.cairn.forge.internal;

import dev.cairn.forge.AutoMergeResult;
import dev.cairn.forge.CheckAnnotation;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import dev.cairn.forge.MergeMethod;
import dev.cairn.forge.PullRequest;
import dev.cairn.forge.PullRequestRequest;
import dev.cairn.forge.PullRequestResult;
import dev.cairn.forge.ReportMarker;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The algorithms shared by every forge.
 *
 * <ul>
 *   <li>Comments (reference/cml.md §1.2, without CML's quirks): resolve the target, append the
 *       marker, and for an update page through all comments and edit the newest one that carries
 *       the marker and was written by the token's own user.
 *   <li>Checks on forges with commit statuses: post the report as a comment under its own marker
 *       where the status cannot carry it, then set the status, linked to the details page or the
 *       comment. GitHub overrides this with check runs.
 *   <li>Pull requests: refuse what the forge cannot do before writing anything, reuse the open
 *       pull request of the same branches or open one, add labels, request auto-merge.
 * </ul>
 */
public abstract class CommentingClient implements ForgeClient {
  /** Status descriptions are cut to this many characters (GitLab, Gitea, Bitbucket: 255). */
  protected static final int MAX_STATUS_DESCRIPTION = 255;

  /** The settings this client was built with. */
  protected final ForgeSettings settings;

  /** The REST client. */
  protected final RestClient rest;

  private Set<String> ownIdentities;

  /** Creates the client. */
  protected CommentingClient(ForgeSettings settings, RestClient rest) {
    this.settings = settings;
    this.rest = rest;
  }

  @Override
  public final ForgeKind kind() {
    return settings.kind();
  }

  @Override
  public CommentTarget resolveTarget(CommentTarget target) throws ForgeException {
    switch (target.kind()) {
      case ISSUE:
        return target;
      case COMMIT:
        return CommentTarget.commit(target.hasRef() ? target.ref() : requireSha(target));
      case PR:
        if (target.hasRef()) {
          return target;
        }
        if (settings.pullRequest() > 0) {
          return CommentTarget.pr(settings.pullRequest());
        }
        String sha = requireSha(target);
        OptionalLong pr = findOpenPullRequest(sha);
        if (pr.isEmpty()) {
          throw new ForgeUsageException(
              "No open pull request of " + settings.repo() + " contains commit " + sha
                  + ": use --target commit, or pr/<number>");
        }
        return CommentTarget.pr(pr.getAsLong());
      case AUTO:
        if (settings.pullRequest() > 0) {
          return CommentTarget.pr(settings.pullRequest());
        }
        String head = requireSha(target);
        OptionalLong found = findOpenPullRequest(head);
        return found.isPresent() ? CommentTarget.pr(found.getAsLong()) : CommentTarget.commit(head);
      default:
        throw new IllegalStateException(target.kind().name());
    }
  }

  @Override
  public final CommentResult createComment(CommentTarget target, String markdown)
      throws ForgeException {
    CommentTarget t = resolveTarget(target);
    RemoteComment c = post(t, prepare(markdown, settings.marker()));
    return new CommentResult(CommentResult.Action.CREATED, c.id(), c.url(), t);
  }

  @Override
  public final CommentResult updateComment(CommentTarget target, String markdown)
      throws ForgeException {
    return upsert(resolveTarget(target), markdown, settings.marker());
  }

  /** Edits our newest comment on a resolved target carrying {@code marker}, or posts one. */
  private CommentResult upsert(CommentTarget t, String markdown, ReportMarker marker)
      throws ForgeException {
    String body = prepare(markdown, marker);
    if (canEdit(t)) {
      List<RemoteComment> comments = list(t);
      Set<String> own = null;
      for (int i = comments.size() - 1; i >= 0; i--) {
        RemoteComment c = comments.get(i);
        if (!marker.matches(c.body())) {
          continue;
        }
        if (own == null) {
          own = ownIdentities();
        }
        if (own.contains(c.author())) {
          try {
            RemoteComment edited = edit(t, c, body);
            return new CommentResult(CommentResult.Action.UPDATED, edited.id(), edited.url(), t);
          } catch (ForgeException e) {
            if (!createWhenEditFails(t, e)) {
              throw e;
            }
            break;
          }
        }
      }
    }
    RemoteComment c = post(t, body);
    return new CommentResult(CommentResult.Action.CREATED, c.id(), c.url(), t);
  }

  /** The logins (or ids) whose comments count as ours; asks the forge once, then caches. */
  protected final synchronized Set<String> ownIdentities() throws ForgeException {
    if (ownIdentities == null) {
      ownIdentities =
          settings.commentAuthor().isEmpty()
              ? Set.copyOf(whoAmI())
              : Set.of(settings.commentAuthor());
    }
    return ownIdentities;
  }

  /** Markdown plus marker, cut to the forge's limit with a note. */
  final String prepare(String markdown, ReportMarker marker) {
    String body = marker.appendTo(markdown);
    if (body.length() <= maxBodyLength()) {
      return body;
    }
    return Bodies.cut(markdown, "\n\n" + marker.text(), maxBodyLength(),
        settings.kind().displayName(), "Report");
  }

  /** The SHA of the CI run, or a usage error naming what to pass. */
  protected final String requireSha(CommentTarget target) throws ForgeUsageException {
    if (settings.headSha().isEmpty()) {
      throw new ForgeUsageException(
          "Cannot work out the commit for target '" + target + "': not in a recognised CI run;"
              + " pass commit/<sha>, pr/<number> or issue/<number>");
    }
    return settings.headSha();
  }

  // ---------------------------------------------------------------- checks

  /**
   * Commit-status forges: the report as a comment (when asked and possible), then the status. See
   * {@link dev.cairn.forge.CheckPublisher} for what each forge gets.
   */
  @Override
  public CheckResult publishCheck(CheckRun run) throws ForgeException {
    String sha = checkSha(run);
    List<String> warnings = new ArrayList<>();
    Optional<CommentResult> report = Optional.empty();
    if (run.postReport()) {
      report = postCheckReport(run, sha, warnings);
    }
    String target = !run.detailsUrl().isEmpty()
        ? run.detailsUrl() : report.map(CommentResult::url).orElse("");
    long pr = report.filter(r -> r.target().kind() == CommentTarget.Kind.PR)
        .map(r -> Long.parseLong(r.target().ref()))
        .orElse(settings.pullRequest());
    StatusOutcome s = postStatus(
        new StatusUpdate(sha, run.name(), run.conclusion(), statusDescription(run), target, pr));
    return new CheckResult(s.kind(), s.id(), s.url(), sha, run.conclusion(), s.replaced(),
        report.isPresent() ? run.annotations().size() : 0, report, warnings);
  }

  /** The run's commit, else the settings' head SHA. */
  protected final String checkSha(CheckRun run) throws ForgeUsageException {
    if (!run.headSha().isEmpty()) {
      return run.headSha();
    }
    if (settings.headSha().isEmpty()) {
      throw new ForgeUsageException(
          "Cannot work out the commit to attach check '" + run.name() + "' to: not in a"
              + " recognised CI run; pass --commit-sha");
    }
    return settings.headSha();
  }

  /** One line for a status: the title, with {@code Neutral: } where the forge has no neutral. */
  protected String statusDescription(CheckRun run) {
    String t = run.effectiveTitle();
    if (run.conclusion() == CheckConclusion.NEUTRAL) {
      t = "Neutral: " + t;
    }
    return Bodies.line(t, MAX_STATUS_DESCRIPTION);
  }

  /** The marker of a check's report comment: labelled {@code check <name>}. */
  public static ReportMarker checkMarker(String checkName) {
    String label = checkName.replaceAll("[^\\p{L}\\p{N} ._:/#@+=(){}\\[\\]-]", "-")
        .replaceAll("-{2,}", "-").strip();
    if (label.length() > 94) {
      label = label.substring(0, 94).strip();
    }
    return ReportMarker.of("check " + label);
  }

  private Optional<CommentResult> postCheckReport(CheckRun run, String sha, List<String> warnings)
      throws ForgeException {
    CommentTarget t;
    try {
      if (settings.pullRequest() > 0) {
        t = CommentTarget.pr(settings.pullRequest());
      } else {
        OptionalLong pr = findOpenPullRequest(sha);
        t = pr.isPresent() ? CommentTarget.pr(pr.getAsLong())
            : resolveTarget(CommentTarget.commit(sha));
      }
    } catch (ForgeUsageException e) {
      warnings.add("The report of check '" + run.name() + "' was not posted: " + e.getMessage());
      return Optional.empty();
    }
    StringBuilder md = new StringBuilder(run.summary().stripTrailing());
    if (!run.annotations().isEmpty()) {
      md.append("\n\n#### ").append(run.effectiveTitle()).append('\n');
      for (CheckAnnotation a : run.annotations()) {
        md.append('\n').append(a.markdownLine());
      }
    }
    return Optional.of(upsert(t, md.toString(), checkMarker(run.name())));
  }

  /**
   * Sets the commit status (and, on Azure DevOps, the pull request status).
   *
   * @param status what to set; its target URL may be empty, in which case forges that require one
   *     link to the commit
   */
  protected abstract StatusOutcome postStatus(StatusUpdate status) throws ForgeException;

  // ---------------------------------------------------------------- pull requests

  @Override
  public final PullRequestResult openPullRequest(PullRequestRequest request) throws ForgeException {
    if (!request.labels().isEmpty() && !supportsLabels()) {
      throw new ForgeUsageException(settings.kind().displayName() + " pull requests have no"
          + " labels: leave out " + String.join(", ", request.labels()));
    }
    if (request.autoMerge().isPresent()) {
      requireAutoMerge(request.autoMerge().get());
    }
    checkLabels(request.labels());
    String body = Bodies.cut(request.body(), "", maxDescriptionLength(),
        settings.kind().displayName(), "Description");
    boolean cut = !body.equals(request.body());
    Optional<PullRequest> existing = findPullRequest(request.headBranch(), request.baseBranch());
    PullRequest pr;
    PullRequestResult.Action action;
    if (existing.isPresent()) {
      if (request.updateExisting()) {
        pr = updatePull(existing.get(), request.title(), body);
        action = PullRequestResult.Action.UPDATED;
      } else {
        pr = existing.get();
        action = PullRequestResult.Action.REUSED;
        cut = false;
      }
      if (!request.labels().isEmpty()) {
        addLabels(pr, request.labels());
      }
    } else {
      pr = createPull(request, body);
      action = PullRequestResult.Action.CREATED;
    }
    Optional<AutoMergeResult> merge = Optional.empty();
    if (request.autoMerge().isPresent()) {
      merge = Optional.of(enableAutoMerge(pr.number(), request.autoMerge().get()));
    }
    return new PullRequestResult(action, pr, request.labels(), merge, cut);
  }

  /** Throws the forge's refusal when {@code method} is not in {@link #autoMergeMethods()}. */
  protected final void requireAutoMerge(MergeMethod method) throws ForgeUsageException {
    if (!autoMergeMethods().contains(method)) {
      throw new ForgeUsageException(autoMergeRefusal(method));
    }
  }

  /** Why {@code method} cannot be auto-merged with here; one line naming what to do instead. */
  protected String autoMergeRefusal(MergeMethod method) {
    return settings.kind().displayName() + " cannot auto-merge by " + method.id()
        + ": leave out --" + method.id();
  }

  /** Fails before any write when a label cannot be set (Gitea: it must exist). */
  protected void checkLabels(List<String> labels) throws ForgeException {}

  /** The longest pull request description the forge accepts, in characters. */
  protected abstract int maxDescriptionLength();

  /** Opens the pull request, with the request's labels. */
  protected abstract PullRequest createPull(PullRequestRequest request, String body)
      throws ForgeException;

  /** Replaces an open pull request's title and description. */
  protected abstract PullRequest updatePull(PullRequest pr, String title, String body)
      throws ForgeException;

  /** Adds labels to an open pull request (only called when {@link #supportsLabels()}). */
  protected void addLabels(PullRequest pr, List<String> labels) throws ForgeException {
    throw new ForgeUsageException(settings.kind().displayName() + " pull requests have no labels");
  }

  @Override
  public boolean supportsLabels() {
    return true;
  }

  /** {@code refs/heads/} stripped, for forges that report full ref names. */
  protected static String branchName(String ref) {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }

  // ---------------------------------------------------------------- per forge

  /** The largest comment body the forge accepts, in characters. */
  protected abstract int maxBodyLength();

  /** The open pull request containing {@code sha}, if the forge can tell. */
  protected abstract OptionalLong findOpenPullRequest(String sha) throws ForgeException;

  /** All comments of a resolved target, oldest first. */
  protected abstract List<RemoteComment> list(CommentTarget target) throws ForgeException;

  /** Posts a comment on a resolved target. */
  protected abstract RemoteComment post(CommentTarget target, String body) throws ForgeException;

  /** Replaces the body of comment {@code c}. */
  protected abstract RemoteComment edit(CommentTarget target, RemoteComment c, String body)
      throws ForgeException;

  /** Who the token belongs to (all the names its comments may carry as author). */
  protected abstract Set<String> whoAmI() throws ForgeException;

  /** Whether a failed edit should fall back to posting a new comment. */
  protected boolean createWhenEditFails(CommentTarget target, ForgeException e) {
    return false;
  }

  /** Whether comments on this kind of target can be edited at all. */
  protected boolean canEdit(CommentTarget target) {
    return true;
  }

  /** The API base of the settings followed by {@code pathAndQuery} (already encoded). */
  protected final URI api(String pathAndQuery) {
    return URI.create(settings.apiBase() + pathAndQuery);
  }

  /** Describes a resolved target for messages: "pull request #3 in o/r". */
  protected final String describe(CommentTarget t) {
    switch (t.kind()) {
      case PR:
        return (settings.kind() == ForgeKind.GITLAB ? "merge request !" : "pull request #")
            + t.ref() + " in " + settings.repo();
      case ISSUE:
        return "issue #" + t.ref() + " in " + settings.repo();
      case COMMIT:
        return "commit " + t.ref() + " in " + settings.repo();
      default:
        return t + " in " + settings.repo();
    }
  }

  /** Describes a pull request for messages: "pull request #3 in o/r". */
  protected final String describePull(long number) {
    return describe(CommentTarget.pr(number));
  }
}
