package dev.cairn.registry;

import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.ChainingCredentialsProvider;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * How Git reaches a source repository: the credentials offered when a server asks for them (HTTP
 * 401), and a hook that configures each transport (the CLI installs an SSH session factory that
 * reads the user's keys from {@code $HOME/.ssh}). Immutable.
 *
 * @param credentials asked only when a server demands authentication; never logged
 * @param transport applied to every transport JGit opens, or null for JGit's defaults
 */
public record GitAccess(CredentialsProvider credentials, TransportConfigCallback transport) {
  /** Variable holding a token for Git over HTTP(S), sent as the password when a server asks. */
  public static final String TOKEN_VAR = "CAIRN_GIT_TOKEN";
  /** Variable holding the user name sent with {@link #TOKEN_VAR} (default {@code x-access-token}). */
  public static final String USER_VAR = "CAIRN_GIT_USERNAME";

  public GitAccess {
    Objects.requireNonNull(credentials);
  }

  /**
   * The default: a token from {@value #TOKEN_VAR} (with {@value #USER_VAR}), then git's own
   * credential helpers ({@code git credential fill}, when git is installed); JGit's SSH defaults.
   *
   * @param env the environment (the token, and {@code HOME}/{@code PATH} for git)
   */
  public static GitAccess fromEnvironment(Map<String, String> env) {
    return new GitAccess(new ChainingCredentialsProvider(new TokenCredentials(env), new GitCredentialHelper(env)),
        null);
  }

  /** This access with {@code t} configuring every transport. */
  public GitAccess withTransport(TransportConfigCallback t) {
    return new GitAccess(credentials, t);
  }
}
