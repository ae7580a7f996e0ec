package dev.cairn.forge.internal;

import java.util.Objects;

/**
 * A comment as a forge lists it.
 *
 * @param id the forge's id (empty where the forge gives none, as for GitLab commit comments)
 * @param body the raw Markdown
 * @param author the author's login, or on Bitbucket the account UUID
 * @param url the web address, empty if unknown
 */
public record RemoteComment(String id, String body, String author, String url) {
  /** Checks for nulls. */
  public RemoteComment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(url, "url");
  }
}
