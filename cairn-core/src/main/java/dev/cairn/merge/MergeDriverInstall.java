package dev.cairn.merge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Registers {@link MergeDriver} with Git for a repository: one {@code <pattern> merge=cairn} line
 * per DVC file pattern in {@code .gitattributes} (appended when missing) and {@code
 * merge.cairn.name}/{@code merge.cairn.driver} in the repository's Git config.
 */
public final class MergeDriverInstall {
  /** The driver's name in {@code .gitattributes} and the Git config. */
  public static final String NAME = "cairn";

  /** The files the driver merges. */
  public static final List<String> PATTERNS = List.of("dvc.lock", "*.dvc", "*.dir");

  /** What was done: the attribute lines added and whether the config changed. */
  public record Result(List<String> attributesAdded, boolean configChanged) {
    /** Whether everything was in place already. */
    public boolean unchanged() {
      return attributesAdded.isEmpty() && !configChanged;
    }
  }

  private MergeDriverInstall() {}

  /**
   * The driver command Git runs in the work tree's top: {@code ./cairnw} when the repository pins a
   * Cairn version with the wrapper, else {@code cairn} from the PATH.
   */
  public static String command(Path top) {
    String exe = Files.isRegularFile(top.resolve("cairnw")) ? "./cairnw" : "cairn";
    return exe + " git-hook merge-driver --ancestor %O --our %A --their %B --path %P";
  }

  /**
   * Installs the driver for the Git repository holding {@code dir}; {@code .gitattributes} is
   * written (atomically) in {@code dir}, so that the patterns cover the DVC repository there.
   *
   * @throws IOException when {@code dir} is not in a Git repository or a file cannot be written
   */
  public static Result install(Path dir) throws IOException {
    Path attributes = dir.resolve(".gitattributes");
    List<String> lines = Files.exists(attributes)
        ? new ArrayList<>(Files.readAllLines(attributes, StandardCharsets.UTF_8)) : new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String p : PATTERNS) {
      String line = p + " merge=" + NAME;
      if (lines.stream().noneMatch(l -> l.strip().equals(line))) {
        added.add(line);
      }
    }
    boolean configChanged;
    try (Repository repo = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile()).setMustExist(true)
        .build()) {
      if (repo.isBare()) {
        throw new IOException(dir + " is in a bare Git repository: there is no work tree to merge in");
      }
      StoredConfig config = repo.getConfig();
      String driver = command(repo.getWorkTree().toPath());
      String name = "Cairn's merge of dvc.lock, .dvc files and .dir manifests";
      configChanged = !driver.equals(config.getString("merge", NAME, "driver"))
          || !name.equals(config.getString("merge", NAME, "name"));
      if (configChanged) {
        config.setString("merge", NAME, "name", name);
        config.setString("merge", NAME, "driver", driver);
        config.save();
      }
    } catch (IllegalArgumentException | org.eclipse.jgit.errors.RepositoryNotFoundException e) {
      throw new IOException(dir + " is not in a Git repository: run 'git init' first", e);
    }
    if (!added.isEmpty()) {
      StringBuilder text = new StringBuilder();
      lines.forEach(l -> text.append(l).append('\n'));
      added.forEach(l -> text.append(l).append('\n'));
      Path tmp = Files.createTempFile(dir, ".gitattributes-", ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, attributes, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return new Result(List.copyOf(added), configChanged);
  }
}
