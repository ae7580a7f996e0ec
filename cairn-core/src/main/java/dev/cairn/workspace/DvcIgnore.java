package dev.cairn.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * {@code .dvcignore} with gitignore semantics (dvc-format.md §1.4): a file may sit in any directory,
 * its patterns relative to that directory; the built-in patterns {@code .git/}, {@code .hg/},
 * {@code .dvc/} always apply; a sub-directory holding its own {@code .dvc/} (a sub-repo) is
 * ignored. Matching uses JGit's gitignore rule engine. Not thread-safe (caches rule files).
 */
public final class DvcIgnore {
  /** The file name. */
  public static final String FILE = ".dvcignore";

  private final Path root;
  private final Map<String, List<FastIgnoreRule>> rulesByDir = new java.util.concurrent.ConcurrentHashMap<>();

  public DvcIgnore(Path root) {
    this.root = root;
  }

  /**
   * Whether a path under the root is ignored. {@code rel} is the {@code /}-separated path relative
   * to the root.
   */
  public boolean isIgnored(String rel, boolean isDir) throws IOException {
    int slash = rel.lastIndexOf('/');
    if (slash > 0 && isIgnoredDir(rel.substring(0, slash))) {
      return true;
    }
    return matchesSelf(rel, isDir);
  }

  private final Map<String, Boolean> dirVerdicts = new HashMap<>();

  private boolean isIgnoredDir(String rel) throws IOException {
    Boolean v = dirVerdicts.get(rel);
    if (v == null) {
      v = isIgnored(rel, true);
      dirVerdicts.put(rel, v);
    }
    return v;
  }

  /**
   * Whether the entry itself is matched, ignoring its ancestors: the built-in names, then every
   * {@code .dvcignore} from the root down to its parent, the last matching rule deciding.
   * Walkers that never descend into ignored directories only need this.
   */
  public boolean matchesSelf(String rel, boolean isDir) throws IOException {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    if (name.equals(".git") || (isDir && (name.equals(".hg") || name.equals(".dvc")))) {
      return true;
    }
    if (isDir && Files.isDirectory(root.resolve(rel).resolve(".dvc"))) {
      return true; // a DVC sub-repository
    }
    int slash = rel.lastIndexOf('/');
    if (noRulesDown(slash < 0 ? "" : rel.substring(0, slash))) {
      return false; // no .dvcignore from the root down to the parent: nothing to match (most walks)
    }
    boolean ignored = false;
    int from = 0;
    while (true) {
      List<FastIgnoreRule> rules = rules(from == 0 ? "" : rel.substring(0, from - 1));
      String sub = rel.substring(from);
      for (FastIgnoreRule r : rules) {
        if (r.isMatch(sub, isDir, true)) {
          ignored = r.getResult();
        }
      }
      int next = rel.indexOf('/', from);
      if (next < 0) {
        return ignored;
      }
      from = next + 1;
    }
  }

  private final Map<String, Boolean> noRules = new java.util.concurrent.ConcurrentHashMap<>();

  /** Whether no {@code .dvcignore} from the root down to {@code relDir} holds a rule. */
  private boolean noRulesDown(String relDir) throws IOException {
    Boolean v = noRules.get(relDir);
    if (v == null) {
      int slash = relDir.lastIndexOf('/');
      v = rules(relDir).isEmpty() && (relDir.isEmpty() || noRulesDown(slash < 0 ? "" : relDir.substring(0, slash)));
      noRules.put(relDir, v);
    }
    return v;
  }

  private List<FastIgnoreRule> rules(String relDir) throws IOException {
    List<FastIgnoreRule> cached = rulesByDir.get(relDir);
    if (cached != null) {
      return cached;
    }
    Path dir = relDir.isEmpty() ? root : root.resolve(relDir);
    List<FastIgnoreRule> rules = new ArrayList<>();
    Path f = dir.resolve(FILE);
    if (Files.isRegularFile(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        FastIgnoreRule r = new FastIgnoreRule(l);
        if (!r.isEmpty()) {
          rules.add(r);
        }
      }
    }
    rulesByDir.put(relDir, rules);
    return rules;
  }
}
