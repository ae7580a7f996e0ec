package dev.cairn.forge.ci;

import dev.cairn.forge.ForgeAuthenticationException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the forge token. The first non-empty of:
 *
 * <ol>
 *   <li>the explicit value ({@code --token}, or {@code cairn.yaml} via {@code config.local});
 *   <li>{@code REPO_TOKEN} (CML's name, so existing workflows keep working);
 *   <li>the forge's own variable: {@code GITHUB_TOKEN} (GitHub); {@code GITLAB_TOKEN} (GitLab);
 *       {@code GITEA_TOKEN}, then {@code GITHUB_TOKEN} (Gitea/Forgejo Actions expose the job token
 *       under both names); {@code BITBUCKET_TOKEN} (Bitbucket Cloud); {@code AZURE_DEVOPS_EXT_PAT}
 *       (the Azure CLI's personal access token variable), then {@code SYSTEM_ACCESSTOKEN} (the
 *       pipeline's token, which Azure Pipelines passes to a step only when mapped: {@code env:
 *       SYSTEM_ACCESSTOKEN: $(System.AccessToken)}) (Azure DevOps); {@code BITBUCKET_SERVER_TOKEN}
 *       (Bitbucket Server).
 * </ol>
 *
 * A token of one forge is never sent to another: GitLab never reads {@code GITHUB_TOKEN}. {@code
 * CI_JOB_TOKEN} is never read, because GitLab does not let it post notes.
 */
public final class ForgeTokens {
  private ForgeTokens() {}

  /** The variables read for {@code forge}, in order, after {@code REPO_TOKEN}. */
  public static List<String> variables(ForgeKind forge) {
    switch (forge) {
      case GITHUB:
        return List.of("REPO_TOKEN", "GITHUB_TOKEN");
      case GITLAB:
        return List.of("REPO_TOKEN", "GITLAB_TOKEN");
      case GITEA:
        return List.of("REPO_TOKEN", "GITEA_TOKEN", "GITHUB_TOKEN");
      case BITBUCKET:
        return List.of("REPO_TOKEN", "BITBUCKET_TOKEN");
      case AZURE_DEVOPS:
        return List.of("REPO_TOKEN", "AZURE_DEVOPS_EXT_PAT", "SYSTEM_ACCESSTOKEN");
      case BITBUCKET_SERVER:
        return List.of("REPO_TOKEN", "BITBUCKET_SERVER_TOKEN");
      default:
        throw new IllegalStateException(forge.name());
    }
  }

  /**
   * The token for {@code forge}.
   *
   * @param explicit a value given on the command line or in config, empty or {@code null} if none
   * @param env the process environment
   */
  public static Optional<Token> resolve(String explicit, ForgeKind forge, Map<String, String> env) {
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Token.of(explicit, "--token"));
    }
    for (String name : variables(forge)) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return Optional.of(Token.of(v, name));
      }
    }
    return Optional.empty();
  }

  /**
   * Like {@link #resolve}, but fails with a message naming where a token is looked for.
   *
   * @throws ForgeAuthenticationException when there is no token
   */
  public static Token require(String explicit, ForgeKind forge, Map<String, String> env)
      throws ForgeAuthenticationException {
    Optional<Token> t = resolve(explicit, forge, env);
    if (t.isPresent()) {
      return t.get();
    }
    List<String> names = new ArrayList<>(variables(forge));
    String hint;
    switch (forge) {
      case GITHUB:
        hint = "; in GitHub Actions add 'env: REPO_TOKEN: ${{ secrets.GITHUB_TOKEN }}' and"
            + " 'permissions: pull-requests: write'";
        break;
      case GITLAB:
        hint = "; CI_JOB_TOKEN cannot post notes: store a project access token with scope 'api'"
            + " as a masked CI/CD variable";
        break;
      case AZURE_DEVOPS:
        hint = "; in Azure Pipelines map the job's token into the step with 'env:"
            + " SYSTEM_ACCESSTOKEN: $(System.AccessToken)'";
        break;
      case BITBUCKET_SERVER:
        hint = "; create an HTTP access token with repository write permission and pass it as a"
            + " secret (Jenkins: withCredentials)";
        break;
      default:
        hint = "";
    }
    throw new ForgeAuthenticationException(
        "No " + forge.displayName() + " token: pass --token or set " + String.join(" or ", names)
            + hint);
  }
}
