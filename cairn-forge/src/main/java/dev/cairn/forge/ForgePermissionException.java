package dev.cairn.forge;

/**
 * The token is valid but lacks a permission (HTTP 403). {@link #requiredPermission()} names it in
 * the forge's own terms, e.g. {@code pull-requests: write} on GitHub or scope {@code api} on
 * GitLab.
 */
public class ForgePermissionException extends ForgeException {
  private static final long serialVersionUID = 1L;
  private final String requiredPermission;

  /** Creates the exception. */
  public ForgePermissionException(
      String message, String requiredPermission, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
    this.requiredPermission = requiredPermission;
  }

  /** The permission the operation needs, as the forge names it. */
  public String requiredPermission() {
    return requiredPermission;
  }
}
