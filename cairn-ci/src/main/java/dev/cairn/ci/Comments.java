package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.AssetUploader;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeClient;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Forges;
import dev.cairn.forge.PublishUrlUploader;
import dev.cairn.forge.ReportImages;
import dev.cairn.forge.ReportMarker;
import dev.cairn.forge.Token;
import dev.cairn.forge.ci.CiDetector;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.forge.ci.ForgeTokens;
import dev.cairn.retry.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Posts a Markdown file as a pull-request (or commit, or issue) comment, as {@code cml comment}
 * does: the forge, repository, token and target come from the {@link CommentRequest}, else from the
 * CI environment; the report's local images are uploaded and linked.
 */
public final class Comments {
  private Comments() {}

  /**
   * Creates a comment, or with {@code update} edits the newest one of ours carrying the marker.
   *
   * @param env the environment: the CI run's variables and the forge tokens
   * @param warn where to say that images could not be uploaded
   * @throws CairnException for bad options (exit 2) or a failed forge call (exit 1), one line each
   */
  public static CommentResult post(Path file, CommentRequest o, boolean update, Map<String, String> env,
      Consumer<String> warn)
      throws CairnException, IOException {
    if (!Files.isRegularFile(file)) {
      throw CairnException.invalidInput("Report file '" + file + "' does not exist");
    }
    String markdown = Files.readString(file, StandardCharsets.UTF_8);
    try {
      Optional<CiEnvironment> ci = CiDetector.detect(env);
      ForgeKind kind = o.forge() != null ? parseForge(o.forge())
          : ci.map(CiEnvironment::forge).orElseThrow(() -> CairnException.invalidInput(
              "Not in a recognised CI run: give --forge and --repo (and --commit-sha or --target pr/<n>)"));
      Token token = ForgeTokens.require(o.token(), kind, env);
      ForgeSettings s;
      if (ci.isPresent() && ci.get().forge() == kind && o.repo() == null) {
        s = ci.get().settings(token);
      } else if (o.repo() != null) {
        s = ForgeSettings.of(kind, o.repo(), token);
      } else {
        throw CairnException.invalidInput("Give --repo for " + kind.displayName());
      }
      if (o.apiUrl() != null) {
        s = s.withApiBase(URI.create(o.apiUrl()));
      }
      if (o.commitSha() != null) {
        s = s.withHeadSha(o.commitSha());
      }
      String label = ci.map(c -> c.expandLabel(o.watermarkTitle())).orElse(o.watermarkTitle());
      s = s.withMarker(label.isEmpty() ? ReportMarker.unlabelled() : ReportMarker.of(label));
      ForgeClient client = Forges.client(s);
      CommentTarget target = client.resolveTarget(parseTarget(o.target()));
      if (o.publish()) {
        AssetUploader uploader = o.publishUrl() != null
            ? new PublishUrlUploader(URI.create(o.publishUrl()), Optional.empty(), RetryPolicy.forgeApis(), Duration.ofSeconds(60))
            : img -> client.uploadImage(target, img);
        try {
          markdown = ReportImages.publish(markdown, file.toAbsolutePath().getParent(), uploader);
        } catch (ForgeException e) {
          warn.accept("WARNING: images not uploaded, links left as written: " + e.getMessage());
        }
      }
      return update ? client.updateComment(target, markdown) : client.createComment(target, markdown);
    } catch (ForgeException e) {
      throw new CairnException(CairnException.Kind.FAILED, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  private static ForgeKind parseForge(String s) throws CairnException {
    try {
      return ForgeKind.parse(s);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  private static CommentTarget parseTarget(String s) throws CairnException {
    try {
      return CommentTarget.parse(s);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput("--target: " + e.getMessage());
    }
  }
}
