package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.CheckIgnoreCommand;
import dev.cairn.workspace.DvcIgnore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn check-ignore}: DVC's {@code check-ignore}, same flags, output and exit codes. */
@Command(name = "check-ignore", description = {
    "Check whether files or directories are excluded by .dvcignore (or by the built-in patterns .git, .dvc/ and"
        + " .hg/, or because they lie in a sub-repository). Prints each excluded path; with -d, every path"
        + " a pattern matched, after the pattern as <file>:<line>:<pattern> and a tab.",
    "Exit code 0 when at least one path matched, 1 when none did, 2 for bad usage."})
final class CheckIgnoreCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "File or directory paths to check.")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-d", "--details"}, description = "Show the pattern that decided along with each path"
      + " (a negation such as !foo counts as a match).")
  boolean details;

  @Option(names = {"-a", "--all"}, description = "With -d: show every matching pattern, not only the last.")
  boolean all;

  @Option(names = {"-n", "--non-matching"}, description = "With -d: also list paths no pattern matched, as ::<tab><path>.")
  boolean nonMatching;

  @Option(names = "--stdin", description = "Read paths from standard input, one a line, until an empty line or the"
      + " end of input, answering each at once.")
  boolean stdin;

  @Override
  int doCall() throws Exception {
    if (!stdin && targets.isEmpty()) {
      throw new ExitException(ExitCodes.USAGE, "cairn: check-ignore needs targets or --stdin");
    }
    if (stdin && !targets.isEmpty()) {
      throw new ExitException(ExitCodes.USAGE, "cairn: check-ignore cannot have both targets and --stdin");
    }
    if (nonMatching && !details) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --non-matching is only valid with --details");
    }
    if (all && !details) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --all is only valid with --details");
    }
    if (root().quiet && details) {
      throw new ExitException(ExitCodes.USAGE, "cairn: cannot use both --details and --quiet");
    }
    boolean matched = false;
    try (Cairn cairn = open()) {
      if (stdin) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
          matched |= check(cairn, List.of(line));
          out().flush();
        }
      } else {
        matched = check(cairn, targets);
      }
    }
    return matched ? 0 : 1;
  }

  private boolean check(Cairn cairn, List<String> paths) throws Exception {
    CheckIgnoreCommand cmd = cairn.checkIgnore();
    for (String p : paths) {
      cmd.addTarget(resolve(p));
    }
    List<CheckIgnoreCommand.Result> results = cmd.call();
    boolean matched = false;
    for (int i = 0; i < paths.size(); i++) {
      DvcIgnore.Check c = results.get(i).check();
      String shown = paths.get(i);
      if (!details) {
        if (c.ignored()) {
          matched = true;
          if (!root().quiet) {
            out().println(shown);
          }
        }
        continue;
      }
      List<String> patterns = new ArrayList<>();
      for (DvcIgnore.Pattern p : c.patterns()) {
        patterns.add(describe(cairn.repo().root(), p, c.subRepo()));
      }
      matched |= !patterns.isEmpty();
      if (patterns.isEmpty() && nonMatching) {
        patterns.add("::");
      }
      if (!all && patterns.size() > 1) {
        patterns = patterns.subList(patterns.size() - 1, patterns.size());
      }
      for (String p : patterns) {
        out().println(p + "\t" + shown);
      }
    }
    return matched;
  }

  /** DVC's pattern info: {@code <file relative to here>:<line>:<pattern>}, {@code :<pattern>} or {@code in sub_repo:<dir>}. */
  private String describe(Path root, DvcIgnore.Pattern p, String subRepo) {
    if (subRepo != null) {
      return "in sub_repo:" + subRepo;
    }
    if (p.file() == null) {
      return ":" + p.pattern();
    }
    String file = workDir().relativize(root.resolve(p.file())).toString();
    return file + ":" + p.line() + ":" + p.pattern();
  }
}
