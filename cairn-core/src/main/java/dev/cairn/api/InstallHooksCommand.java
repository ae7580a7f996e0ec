package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.format.StructuredFiles;
import dev.cairn.format.YamlWriter;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code install}: Git hooks that keep data in step with Git, as {@code dvc install} writes them —
 * {@code post-checkout} runs {@code checkout}, {@code pre-commit} runs {@code status}, {@code
 * pre-push} runs {@code push}. Each hook is DVC's two lines with {@code cairn} for {@code dvc}
 * ({@code #!/bin/sh} and {@code exec cairn git-hook <hook> $@}); {@code ./cairnw} replaces {@code
 * cairn} when the repository has the wrapper, and {@code -C <dir>} is added when the DVC repository
 * is a subdirectory of the Git work tree (where Git runs hooks). The hooks go where Git looks for
 * them ({@code core.hooksPath}, else {@code hooks/} of the common Git directory), mode 0755. A hook
 * that exists with other content is refused, nothing written; one with exactly this content is left
 * as it is.
 *
 * <p>With {@link #setUsePreCommitTool(boolean)}, the hooks are added to {@code
 * .pre-commit-config.yaml} at the Git top level instead, as a {@code repo: local} entry of three
 * {@code language: system} hooks ({@code cairn-pre-commit}, {@code cairn-pre-push}, {@code
 * cairn-post-checkout}); the pre-commit tool then runs them once {@code pre-commit install
 * --hook-type pre-commit --hook-type pre-push --hook-type post-checkout} installed it.
 */
public final class InstallHooksCommand extends RepoCommand<InstallHooksCommand.InstallResult> {
  /** The hooks, in the order DVC installs them. */
  public static final List<String> HOOKS = List.of("post-checkout", "pre-commit", "pre-push");
  /** The pre-commit tool's config file. */
  public static final String PRE_COMMIT_CONFIG = ".pre-commit-config.yaml";

  private boolean usePreCommitTool;

  InstallHooksCommand(Repo repo) {
    super(repo);
  }

  /**
   * What was written.
   *
   * @param written the files written (hooks or the pre-commit config), absolute
   * @param unchanged the hooks that were already installed with this content
   */
  public record InstallResult(List<Path> written, List<Path> unchanged) {
    public InstallResult {
      written = List.copyOf(written);
      unchanged = List.copyOf(unchanged);
    }
  }

  /** Write {@code .pre-commit-config.yaml} for the pre-commit tool instead of the hooks. */
  public InstallHooksCommand setUsePreCommitTool(boolean b) {
    usePreCommitTool = b;
    return this;
  }

  @Override
  boolean writes() {
    return false; // writes only Git's files
  }

  @Override
  InstallResult run() throws IOException, CairnException {
    FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(repo.root().toFile());
    if (b.getGitDir() == null) {
      throw CairnException.unexpectedState("install needs a Git repository: " + repo.root()
          + " is not in one (run 'git init' first)");
    }
    try (Repository git = b.build()) {
      if (git.isBare()) {
        throw CairnException.unexpectedState("install needs a Git work tree; " + git.getDirectory() + " is bare");
      }
      Path top = git.getWorkTree().toPath().toAbsolutePath().normalize();
      String command = command(top);
      if (usePreCommitTool) {
        return new InstallResult(List.of(preCommitConfig(top, command)), List.of());
      }
      Path hooks = hooksDir(git, top);
      List<Path> written = new ArrayList<>();
      List<Path> same = new ArrayList<>();
      for (String h : HOOKS) {
        Path f = hooks.resolve(h);
        if (Files.exists(f)) {
          if (Files.readString(f, StandardCharsets.UTF_8).equals(hookText(command, h))) {
            same.add(f);
            continue;
          }
          throw CairnException.unexpectedState("Hook '" + h + "' already exists (" + f + "); add the line 'exec "
              + command + " git-hook " + h + " $@' to it by hand, or move it away and run 'cairn install' again");
        }
      }
      Files.createDirectories(hooks);
      for (String h : HOOKS) {
        Path f = hooks.resolve(h);
        if (!same.contains(f)) {
          Path tmp = hooks.resolve("." + h + ".cairn.tmp");
          Files.writeString(tmp, hookText(command, h), StandardCharsets.UTF_8);
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
          Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
          written.add(f);
        }
      }
      return new InstallResult(written, same);
    }
  }

  /** The text of a hook file: DVC's, with {@code command} for {@code dvc}. */
  public static String hookText(String command, String hook) {
    return "#!/bin/sh\nexec " + command + " git-hook " + hook + " $@\n";
  }

  /** How the hooks call Cairn from the Git top level: {@code cairn} or {@code ./cairnw}, plus {@code -C}. */
  private String command(Path top) {
    String exe = Files.isRegularFile(top.resolve("cairnw")) ? "./cairnw"
        : Files.isRegularFile(repo.root().resolve("cairnw")) ? "./" + top.relativize(repo.root().resolve("cairnw"))
            .toString().replace('\\', '/') : "cairn";
    String sub = top.relativize(repo.root()).toString().replace('\\', '/');
    return sub.isEmpty() ? exe : exe + " -C " + sub;
  }

  private static Path hooksDir(Repository git, Path top) {
    String configured = git.getConfig().getString("core", null, "hooksPath");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured.startsWith("~/") ? System.getProperty("user.home") + configured.substring(1)
          : configured);
      return p.isAbsolute() ? p : top.resolve(p).normalize();
    }
    return git.getCommonDirectory().toPath().resolve("hooks");
  }

  /** Adds the {@code repo: local} entry to the pre-commit config (unless an equal one is there). */
  private static Path preCommitConfig(Path top, String command) throws IOException, CairnException {
    Path f = top.resolve(PRE_COMMIT_CONFIG);
    Map<String, Object> entry = preCommitEntry(command);
    String text = Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    Object doc;
    try {
      doc = text.isBlank() ? null : StructuredFiles.parseYaml(text, f.toString());
    } catch (StructuredFiles.ParseException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
    String updated;
    if (doc == null) {
      Map<String, Object> top1 = new LinkedHashMap<>();
      top1.put("repos", List.of(entry));
      updated = YamlWriter.write(top1);
    } else if (!(doc instanceof Map<?, ?> m) || m.get("repos") != null && !(m.get("repos") instanceof List<?>)) {
      throw CairnException.invalidInput(f + ": expected a mapping with a 'repos' list");
    } else if (m.get("repos") instanceof List<?> repos && repos.contains(entry)) {
      return f;
    } else {
      updated = appendEntry(text, entry, m.containsKey("repos"));
    }
    Path tmp = f.resolveSibling("." + PRE_COMMIT_CONFIG + ".cairn.tmp");
    Files.writeString(tmp, updated, StandardCharsets.UTF_8);
    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return f;
  }

  /** The pre-commit tool's entry for Cairn's hooks. */
  static Map<String, Object> preCommitEntry(String command) {
    List<Object> hooks = new ArrayList<>();
    hooks.add(hook("cairn-pre-commit", "cairn status", command, "pre-commit", false));
    hooks.add(hook("cairn-pre-push", "cairn push", command, "pre-push", false));
    hooks.add(hook("cairn-post-checkout", "cairn checkout", command, "post-checkout", true));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("repo", "local");
    e.put("hooks", hooks);
    return e;
  }

  private static Map<String, Object> hook(String id, String name, String command, String stage, boolean always) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("id", id);
    h.put("name", name);
    h.put("entry", command + " git-hook " + stage);
    h.put("language", "system");
    h.put("pass_filenames", false);
    if (always) {
      h.put("always_run", true);
    }
    h.put("stages", List.of(stage));
    return h;
  }

  /**
   * Appends the entry to the {@code repos:} block of an existing file, keeping the rest of its text
   * (comments, order) as it is; a file without {@code repos} gets the key at its end.
   */
  static String appendEntry(String text, Map<String, Object> entry, boolean hasRepos) {
    String body = text.endsWith("\n") || text.isEmpty() ? text : text + "\n";
    if (!hasRepos) {
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("repos", List.of(entry));
      return body + YamlWriter.write(top);
    }
    List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
    lines.remove(lines.size() - 1);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("repos:\\s*(#.*)?")) {
        start = i;
      }
    }
    int end = lines.size();
    int indent = 0;
    boolean seenItem = false;
    for (int i = start + 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.stripLeading().startsWith("#")) {
        continue;
      }
      int ind = l.length() - l.stripLeading().length();
      if (!seenItem && l.stripLeading().startsWith("- ")) {
        indent = ind;
        seenItem = true;
      }
      if (ind == 0 && !l.startsWith("- ")) {
        end = i;
        break;
      }
    }
    while (end > start + 1 && lines.get(end - 1).isBlank()) {
      end--;
    }
    String pad = " ".repeat(indent);
    List<String> block = new ArrayList<>();
    for (String l : YamlWriter.write(List.of(entry)).split("\n")) {
      block.add(pad + l);
    }
    lines.addAll(end, block);
    return String.join("\n", lines) + "\n";
  }
}
