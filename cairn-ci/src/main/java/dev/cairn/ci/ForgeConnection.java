package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.AssetUploader;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Forges;
import dev.cairn.forge.ImageLink;
import dev.cairn.forge.PublishUrlUploader;
import dev.cairn.forge.RemoteUrl;
import dev.cairn.forge.ReportImages;
import dev.cairn.forge.ReportMarker;
import dev.cairn.forge.Token;
import dev.cairn.forge.ci.CiDetector;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.forge.ci.ForgeTokens;
import dev.cairn.retry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A forge client set up from a {@link ForgeRequest} and the environment: the forge and repository
 * from the request, else the CI run, else (when given) the Git remote's URL; the token from the
 * request, {@code REPO_TOKEN}, then the forge's variable. Shared by comments, checks, pull requests
 * and assets.
 */
final class ForgeConnection {
  final ForgeClient client;
  final ForgeSettings settings;
  final Optional<CiEnvironment> ci;
  final Token token;
  private final Map<String, ImageLink> uploaded = new HashMap<>();

  private ForgeConnection(ForgeClient client, ForgeSettings settings, Optional<CiEnvironment> ci, Token token) {
    this.client = client;
    this.settings = settings;
    this.ci = ci;
    this.token = token;
  }

  /**
   * Opens the connection.
   *
   * @param label the comment marker's label ({@code {workflow}} and {@code {run}} expanded in CI);
   *     empty for the unlabelled marker
   * @param remoteUrl the Git remote's URL, used when neither the request nor the CI run names the
   *     forge; null for none
   * @throws CairnException exit 2 for bad options, no forge or no token
   */
  static ForgeConnection open(ForgeRequest o, String label, Map<String, String> env, String remoteUrl)
      throws CairnException {
    try {
      Optional<CiEnvironment> ci = CiDetector.detect(env);
      Optional<RemoteUrl> remote = Optional.empty();
      if (o.forge() == null && ci.isEmpty() && remoteUrl != null && o.repo() == null) {
        try {
          remote = Optional.of(RemoteUrl.parse(remoteUrl, Optional.empty()));
        } catch (IllegalArgumentException e) {
          throw CairnException.invalidInput(e.getMessage() + ": give --forge and --repo");
        }
      }
      ForgeKind kind;
      if (o.forge() != null) {
        kind = parseForge(o.forge());
      } else if (ci.isPresent()) {
        kind = ci.get().forge();
      } else if (remote.isPresent()) {
        kind = remote.get().kind();
      } else {
        throw CairnException.invalidInput(
            "Not in a recognised CI run: give --forge and --repo (and --commit-sha or --target pr/<n>)");
      }
      Token token;
      try {
        token = ForgeTokens.require(o.token(), kind, env);
      } catch (ForgeException e) {
        throw CairnException.invalidInput(e.getMessage());
      }
      ForgeSettings s;
      if (ci.isPresent() && ci.get().forge() == kind && o.repo() == null) {
        s = ci.get().settings(token);
      } else if (o.repo() != null) {
        s = ForgeSettings.of(kind, o.repo(), token);
      } else if (remote.isPresent()) {
        s = ForgeSettings.of(kind, remote.get().repo(), token).withApiBase(remote.get().apiBase());
      } else {
        throw CairnException.invalidInput("Give --repo for " + kind.displayName());
      }
      if (o.apiUrl() != null) {
        s = s.withApiBase(URI.create(o.apiUrl()));
      }
      if (o.commitSha() != null) {
        s = s.withHeadSha(o.commitSha());
      }
      String l = ci.map(c -> c.expandLabel(label)).orElse(label);
      s = s.withMarker(l.isEmpty() ? ReportMarker.unlabelled() : ReportMarker.of(l));
      return new ForgeConnection(Forges.client(s), s, ci, token);
    } catch (ForgeException e) {
      throw failed(e);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  /**
   * Uploads the report's local images (to {@code publishUrl}, else to the forge for {@code target})
   * and returns the Markdown with their links; an image already uploaded through this connection is
   * not sent again. A refused upload leaves the links as written, with a warning.
   */
  String publishImages(String markdown, Path reportDir, CommentTarget target, String publishUrl, Consumer<String> warn)
      throws IOException {
    AssetUploader forge = publishUrl != null
        ? new PublishUrlUploader(URI.create(publishUrl), Optional.empty(), RetryPolicy.forgeApis(), Duration.ofSeconds(60))
        : img -> client.uploadImage(target, img);
    AssetUploader once = img -> {
      String key = img.sha256() + "/" + img.fileName();
      ImageLink link = uploaded.get(key);
      if (link == null) {
        link = forge.upload(img);
        uploaded.put(key, link);
      }
      return link;
    };
    try {
      return ReportImages.publish(markdown, reportDir, once);
    } catch (ForgeException e) {
      warn.accept("WARNING: images not uploaded, links left as written: " + e.getMessage());
      return markdown;
    }
  }

  /** A forge failure as the CLI reports it: one line, exit 1. */
  static CairnException failed(ForgeException e) {
    return new CairnException(CairnException.Kind.FAILED, e.getMessage(), e);
  }

  static ForgeKind parseForge(String s) throws CairnException {
    try {
      return ForgeKind.parse(s);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  static CommentTarget parseTarget(String s) throws CairnException {
    try {
      return CommentTarget.parse(s);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput("--target: " + e.getMessage());
    }
  }
}
