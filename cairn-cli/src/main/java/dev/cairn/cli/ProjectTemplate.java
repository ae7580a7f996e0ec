package dev.cairn.cli;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A project template bundled in the jar under {@code templates/<name>/}. Its {@code files.txt} lists
 * the files, one relative path a line; a file named {@code gitignore} is written as
 * {@code .gitignore} (Maven leaves dotfiles out of resources); in every file but the data,
 * {@code {{artifactId}}} and {@code {{cairnVersion}}} are replaced.
 *
 * @param name the template's name, as {@code --template} takes it
 * @param tracked the paths to track with {@code cairn add} once the files are written
 */
record ProjectTemplate(String name, List<String> tracked) {
  /** The templates there are, by name. */
  static final Map<String, ProjectTemplate> ALL = Map.of("java", new ProjectTemplate("java", List.of("data/raw")));

  /** Copies the list. */
  ProjectTemplate {
    tracked = List.copyOf(tracked);
  }

  /** The template called {@code name}; exit 2 naming the templates there are when there is none. */
  static ProjectTemplate named(String name) throws CairnException {
    ProjectTemplate t = ALL.get(name);
    if (t == null) {
      throw CairnException.invalidInput("No template '" + name + "': the templates are " + String.join(", ", ALL.keySet()));
    }
    return t;
  }

  /** The files of the template as stored in the jar, relative to its directory, in listing order. */
  List<String> files() {
    String listing = new String(resource("files.txt"), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Where a stored file goes in the project. */
  static String target(String file) {
    return file.equals("gitignore") || file.endsWith("/gitignore") ? file.substring(0, file.length() - 9) + ".gitignore" : file;
  }

  /**
   * Writes every file into {@code dir}, replacing {@code {{key}}} with {@code values}; each file
   * is written to a temporary name and renamed, so none is ever half written. Files of the same
   * name are replaced.
   *
   * @return the relative paths written, in listing order
   */
  List<String> write(Path dir, Map<String, String> values) throws IOException {
    List<String> written = new ArrayList<>();
    for (String file : files()) {
      String rel = target(file);
      byte[] bytes = resource(file);
      if (!rel.startsWith("data/")) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : values.entrySet()) {
          text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        bytes = text.getBytes(StandardCharsets.UTF_8);
      }
      Path p = dir.resolve(rel);
      Files.createDirectories(p.getParent());
      Path tmp = p.resolveSibling("." + p.getFileName() + ".cairn-new.tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      written.add(rel);
    }
    return written;
  }

  /** A Maven artifactId from a directory name: lower case, other characters than {@code [a-z0-9._-]} as '-'. */
  static String artifactId(Path dir) {
    Path name = dir.getFileName();
    String id = (name == null ? "" : name.toString()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("^[-.]+|[-.]+$", "");
    return id.isEmpty() ? "model" : id;
  }

  private byte[] resource(String file) {
    String path = "templates/" + name + "/" + file;
    try (InputStream in = ProjectTemplate.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("template resource missing from the jar: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
