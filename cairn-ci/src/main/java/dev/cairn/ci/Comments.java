package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
   * @throws CairnException for bad options or no token (exit 2) or a failed forge call (exit 1), one line each
   */
  public static CommentResult post(Path file, CommentRequest o, boolean update, Map<String, String> env,
      Consumer<String> warn)
      throws CairnException, IOException {
    return post(file, o, update, null, env, warn);
  }

  /** {@link #post}, through {@code connection} when not null (its uploads are shared). */
  static CommentResult post(Path file, CommentRequest o, boolean update, ForgeConnection connection,
      Map<String, String> env, Consumer<String> warn) throws CairnException, IOException {
    if (!Files.isRegularFile(file)) {
      throw CairnException.invalidInput("Report file '" + file + "' does not exist");
    }
    String markdown = Files.readString(file, StandardCharsets.UTF_8);
    ForgeConnection c = connection != null ? connection : ForgeConnection.open(o.forgeRequest(), o.watermarkTitle(), env, null);
    try {
      CommentTarget target = c.client.resolveTarget(ForgeConnection.parseTarget(o.target()));
      if (o.publish()) {
        markdown = c.publishImages(markdown, file.toAbsolutePath().getParent(), target, o.publishUrl(), warn);
      }
      return update ? c.client.updateComment(target, markdown) : c.client.createComment(target, markdown);
    } catch (ForgeException e) {
      throw ForgeConnection.failed(e);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }
}
