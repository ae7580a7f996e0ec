package dev.cairn.forge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The user name and password Git sends over HTTP(S) to push with a forge token, as each forge
 * documents it for tokens (what {@code cairn pr create} pushes with):
 *
 * <ul>
 *   <li><b>GitHub:</b> user {@code x-access-token}, the token as password ({@code GITHUB_TOKEN}, an
 *       App installation token or a personal access token);
 *   <li><b>GitLab:</b> user {@code oauth2}, the token as password (project, group or personal
 *       access tokens);
 *   <li><b>Bitbucket Cloud and Server:</b> a token of the form {@code user:secret} (an API token or
 *       app password with its user, CML's base64 form included) is split into both; any other token
 *       (a repository, project or workspace access token) goes with user {@code x-token-auth};
 *   <li><b>Gitea/Forgejo and Azure DevOps:</b> the token as password; the user name is not checked
 *       ({@code cairn}), and a {@code user:secret} token keeps its user.
 * </ul>
 *
 * @param username the user name, never secret
 * @param password the token; never printed
 */
public record GitHttpCredentials(String username, Token password) {
  /** Checks for nulls. */
  public GitHttpCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The credentials for pushing to {@code kind} with {@code token}. */
  public static GitHttpCredentials of(ForgeKind kind, Token token) {
    String t = token.reveal();
    switch (kind) {
      case GITHUB:
        return new GitHttpCredentials("x-access-token", token);
      case GITLAB:
        return new GitHttpCredentials("oauth2", token);
      case BITBUCKET:
      case BITBUCKET_SERVER: {
        String pair = t.indexOf(':') > 0 ? t : decodedPair(t);
        return pair == null ? new GitHttpCredentials("x-token-auth", token) : split(pair, token);
      }
      default:
        return t.indexOf(':') > 0 ? split(t, token) : new GitHttpCredentials("cairn", token);
    }
  }

  private static GitHttpCredentials split(String pair, Token from) {
    int colon = pair.indexOf(':');
    return new GitHttpCredentials(pair.substring(0, colon), Token.of(pair.substring(colon + 1), from.source()));
  }

  /** CML's {@code base64(user:secret)} form, decoded; null for anything else. */
  private static String decodedPair(String t) {
    if (!t.matches("[A-Za-z0-9+/]+={0,2}") || t.length() % 4 != 0) {
      return null;
    }
    try {
      String d = new String(Base64.getDecoder().decode(t), StandardCharsets.UTF_8);
      return d.indexOf(':') > 0 && d.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? d : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "GitHttpCredentials[" + username + ", " + password + "]";
  }
}
