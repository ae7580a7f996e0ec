package dev.cairn.forge.internal;

import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.ForgeUsageException;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The create-or-update algorithm shared by every forge (reference/cml.md §1.2, without CML's
 * quirks): resolve the target, append the marker, and for an update page through all comments and
 * edit the newest one that carries the marker and was written by the token's own user.
 */
public abstract class CommentingClient implements ForgeClient {
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
    RemoteComment c = post(t, prepare(markdown));
    return new CommentResult(CommentResult.Action.CREATED, c.id(), c.url(), t);
  }

  @Override
  public final CommentResult updateComment(CommentTarget target, String markdown)
      throws ForgeException {
    CommentTarget t = resolveTarget(target);
    String body = prepare(markdown);
    if (canEdit(t)) {
      List<RemoteComment> comments = list(t);
      Set<String> own = null;
      for (int i = comments.size() - 1; i >= 0; i--) {
        RemoteComment c = comments.get(i);
        if (!settings.marker().matches(c.body())) {
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
  final String prepare(String markdown) {
    String marker = settings.marker().text();
    String body = settings.marker().appendTo(markdown);
    int max = maxBodyLength();
    if (body.length() <= max) {
      return body;
    }
    String note =
        "\n\n> **Report cut:** it was longer than " + settings.kind().displayName() + "'s limit of "
            + max + " characters; see the CI run for the full text.";
    int keep = max - note.length() - marker.length() - 2;
    String head = markdown.substring(0, Math.max(0, keep));
    if (head.length() > 0 && Character.isHighSurrogate(head.charAt(head.length() - 1))) {
      head = head.substring(0, head.length() - 1);
    }
    return head + note + "\n\n" + marker;
  }

  private String requireSha(CommentTarget target) throws ForgeUsageException {
    if (settings.headSha().isEmpty()) {
      throw new ForgeUsageException(
          "Cannot work out the commit for target '" + target + "': not in a recognised CI run;"
              + " pass commit/<sha>, pr/<number> or issue/<number>");
    }
    return settings.headSha();
  }

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
}
