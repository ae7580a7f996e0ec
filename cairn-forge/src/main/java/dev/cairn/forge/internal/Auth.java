package dev.cairn.forge.internal;

import dev.cairn.forge.Token;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code Authorization} header values for the token forms forges accept. */
public final class Auth {
  private Auth() {}

  /**
   * Bitbucket (Cloud and Server): {@code user:secret} as HTTP Basic; the same already
   * base64-encoded (CML's {@code REPO_TOKEN} form) as is; anything else (access tokens) as {@code
   * Bearer}.
   */
  public static String basicOrBearer(Token token) {
    String t = token.reveal();
    if (t.indexOf(':') > 0) {
      return basic(t);
    }
    if (t.matches("[A-Za-z0-9+/]+={0,2}") && t.length() % 4 == 0) {
      try {
        String decoded = new String(Base64.getDecoder().decode(t), StandardCharsets.UTF_8);
        if (decoded.indexOf(':') > 0 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
          return "Basic " + t;
        }
      } catch (IllegalArgumentException e) {
        // not base64: an access token
      }
    }
    return "Bearer " + t;
  }

  /**
   * Azure DevOps: a JSON Web Token (the pipeline's {@code System.AccessToken}, a Microsoft Entra
   * token) as {@code Bearer}; a personal access token as HTTP Basic with an empty user name ({@code
   * user:pat} keeps its user name).
   */
  public static String azure(Token token) {
    String t = token.reveal();
    if (t.matches("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*")) {
      return "Bearer " + t;
    }
    return basic(t.indexOf(':') >= 0 ? t : ":" + t);
  }

  private static String basic(String userColonSecret) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userColonSecret.getBytes(StandardCharsets.UTF_8));
  }
}
