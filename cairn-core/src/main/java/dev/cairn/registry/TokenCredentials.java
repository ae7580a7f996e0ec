package dev.cairn.registry;

import java.util.Map;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers a Git server's request for credentials over HTTP(S) with {@link GitAccess#TOKEN_VAR}: the
 * token is the password, {@link GitAccess#USER_VAR} (or {@code x-access-token}, which GitHub, Gitea
 * and GitLab accept with a personal access token) the user name. Never answers for SSH.
 */
final class TokenCredentials extends CredentialsProvider {
  private final String token;
  private final String user;

  TokenCredentials(Map<String, String> env) {
    String t = env.get(GitAccess.TOKEN_VAR);
    this.token = t == null || t.isBlank() ? null : t.strip();
    String u = env.get(GitAccess.USER_VAR);
    this.user = u == null || u.isBlank() ? "x-access-token" : u.strip();
  }

  @Override
  public boolean isInteractive() {
    return false;
  }

  @Override
  public boolean supports(CredentialItem... items) {
    for (CredentialItem i : items) {
      if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
    if (token == null || !isHttp(uri)) {
      return false;
    }
    for (CredentialItem i : items) {
      if (i instanceof CredentialItem.Username u) {
        u.setValue(user);
      } else if (i instanceof CredentialItem.Password p) {
        p.setValue(token.toCharArray());
      } else {
        throw new UnsupportedCredentialItem(uri, i.getClass().getSimpleName());
      }
    }
    return true;
  }

  static boolean isHttp(URIish uri) {
    String s = uri.getScheme();
    return "https".equalsIgnoreCase(s) || "http".equalsIgnoreCase(s);
  }
}
