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
  private final Map<String, List<Rule>> rulesByDir = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * One pattern of a {@code .dvcignore} file.
   *
   * @param file the file's repo-relative path, or null for a built-in pattern
   * @param line its 1-based line number (0 for built-in and sub-repository patterns)
   * @param pattern the pattern as written (a sub-repository's is {@code /name/})
   */
  public record Pattern(String file, int line, String pattern) {}

  /**
   * What {@link #check} found for a path.
   *
   * @param ignored whether the path is ignored
   * @param patterns the patterns that decided it: the one that ignores it (or an ancestor), or the
   *     last one matching the path itself (a negation such as {@code !foo}); empty when none matched
   * @param subRepo the sub-repository (a directory holding its own {@code .dvc/}) that contains
   *     the path, or null
   */
  public record Check(boolean ignored, List<Pattern> patterns, String subRepo) {
    public Check {
      patterns = List.copyOf(patterns);
    }
  }

  private record Rule(FastIgnoreRule rule, Pattern source) {}

  private static final List<Pattern> BUILT_IN = List.of(new Pattern(null, 0, ".hg/"), new Pattern(null, 0, ".git/"),
      new Pattern(null, 0, ".git"), new Pattern(null, 0, ".dvc/"));

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
      List<Rule> rules = rules(from == 0 ? "" : rel.substring(0, from - 1));
      String sub = rel.substring(from);
      for (Rule r : rules) {
        if (r.rule().isMatch(sub, isDir, true)) {
          ignored = r.rule().getResult();
        }
      }
      int next = rel.indexOf('/', from);
      if (next < 0) {
        return ignored;
      }
      from = next + 1;
    }
  }

  /**
   * Whether a path is ignored and which patterns decided it, as {@code dvc check-ignore} reports
   * it: each ancestor directory is checked first (an ignored ancestor decides), then the path; the
   * patterns of every {@code .dvcignore} from the root down apply, the last match winning. {@code
   * rel} is the {@code /}-separated path relative to the root.
   */
  public Check check(String rel, boolean isDir) throws IOException {
    String[] parts = rel.split("/");
    String prefix = "";
    for (int i = 0; i < parts.length; i++) {
      prefix = i == 0 ? parts[0] : prefix + "/" + parts[i];
      boolean last = i == parts.length - 1;
      boolean dir = isDir || !last;
      String name = parts[i];
      if (dir && Files.isDirectory(root.resolve(prefix).resolve(".dvc"))) {
        return new Check(true, List.of(new Pattern(null, 0, "/" + prefix + "/")), prefix);
      }
      Pattern match = null;
      boolean ignored = false;
      for (Pattern b : BUILT_IN) {
        boolean dirOnly = b.pattern().endsWith("/");
        String bare = dirOnly ? b.pattern().substring(0, b.pattern().length() - 1) : b.pattern();
        if (name.equals(bare) && (dir || !dirOnly)) {
          match = b;
          ignored = true;
        }
      }
      int from = 0;
      while (true) {
        String base = from == 0 ? "" : prefix.substring(0, from - 1);
        String sub = prefix.substring(from);
        for (Rule r : rules(base)) {
          if (r.rule().isMatch(sub, dir, true)) {
            ignored = r.rule().getResult();
            match = r.source();
          }
        }
        int next = prefix.indexOf('/', from);
        if (next < 0) {
          break;
        }
        from = next + 1;
      }
      if (ignored || last) {
        return new Check(ignored, match == null ? List.of() : List.of(match), null);
      }
    }
    return new Check(false, List.of(), null);
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

  private List<Rule> rules(String relDir) throws IOException {
    List<Rule> cached = rulesByDir.get(relDir);
    if (cached != null) {
      return cached;
    }
    Path dir = relDir.isEmpty() ? root : root.resolve(relDir);
    List<Rule> rules = new ArrayList<>();
    Path f = dir.resolve(FILE);
    if (Files.isRegularFile(f)) {
      String fileRel = relDir.isEmpty() ? FILE : relDir + "/" + FILE;
      int n = 0;
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        FastIgnoreRule r = new FastIgnoreRule(l);
        if (!r.isEmpty()) {
          rules.add(new Rule(r, new Pattern(fileRel, n, l)));
        }
      }
    }
    rulesByDir.put(relDir, rules);
    return rules;
  }
}
