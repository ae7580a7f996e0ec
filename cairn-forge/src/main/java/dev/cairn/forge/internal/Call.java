package dev.cairn.forge.internal;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * One REST call to make.
 *
 * @param method HTTP method
 * @param uri full address
 * @param contentType body media type, empty without a body
 * @param body request body, empty for none
 * @param action what the call does, for messages: "create a comment on pull request #3 in o/r"
 * @param permission what a 403 means is missing, in the forge's terms
 * @param passStatuses error statuses returned to the caller instead of thrown (e.g. 404 when
 *     probing)
 */
public record Call(
    String method,
    URI uri,
    String contentType,
    byte[] body,
    String action,
    String permission,
    Set<Integer> passStatuses) {

  /** Checks for nulls and copies the set. */
  public Call {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(permission, "permission");
    passStatuses = Set.copyOf(passStatuses);
  }

  /** A call without a body. */
  public static Call of(String method, URI uri, String action, String permission) {
    return new Call(method, uri, "", new byte[0], action, permission, Set.of());
  }

  /** A call with a JSON body. */
  public static Call json(String method, URI uri, byte[] json, String action, String permission) {
    return new Call(method, uri, "application/json", json, action, permission, Set.of());
  }

  /** The same call, returning these error statuses instead of throwing. */
  public Call passing(Integer... statuses) {
    return new Call(method, uri, contentType, body, action, permission, Set.of(statuses));
  }
}
