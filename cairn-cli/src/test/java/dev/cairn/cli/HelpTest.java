package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command and subcommand answers {@code --help} and {@code -h} with its usage and exit 0; its
 * descriptions let picocli wrap; an unknown command is named, not answered with the root's help.
 */
class HelpTest {
  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandName().equals("generate-completion") || sub.getCommandName().equals("help")) {
        continue;
      }
      List<String> p = new ArrayList<>(path);
      p.add(sub.getCommandName());
      if (!out.contains(p)) {
        out.add(p);
        collect(sub, p, out);
      }
    }
  }

  @Test
  void everyCommandHasHelp() {
    // --help on the root builds the whole tree
    CommandLine root = CliContext.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        false, System.getenv(), new String[] {"--help"});
    List<List<String>> commands = new ArrayList<>();
    collect(root, List.of(), commands);
    assertThat(commands).extracting(c -> String.join(" ", c)).contains("repro", "exp run", "exp show", "ci init");
    for (List<String> c : commands) {
      for (String flag : List.of("--help", "-h")) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> args = new ArrayList<>(c);
        args.add(flag);
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), false);
        assertThat(code).as(String.join(" ", args) + ": " + e).isZero();
        assertThat(o.toString()).as(String.join(" ", args)).startsWith("Usage: cairn " + String.join(" ", c));
      }
    }
  }

  /**
   * A line of a description array that is not the end of a sentence, a heading (ending in {@code :})
   * or an item of a list or example (indented or starting with {@code -}), so that picocli breaks
   * the text there whatever the terminal's width (issue 18, defect 10).
   */
  private static List<String> midSentenceBreaks(String where, String[] lines) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].replace("%n", "\n");
      String[] parts = l.split("\n", -1);
      for (int k = 0; k < parts.length; k++) {
        boolean lastPart = k == parts.length - 1;
        if (lastPart && i == lines.length - 1) {
          continue;
        }
        String t = parts[k].stripTrailing();
        boolean item = t.startsWith(" ") || t.startsWith("-") || t.startsWith("*") || t.isEmpty();
        if (!item && !t.matches("(?s).*[.:!?]$")) {
          found.add(where + ": '" + t + "'");
        }
      }
    }
    return found;
  }

  @Test
  void descriptionsBreakLinesOnlyBetweenSentences() {
    CommandLine root = CliContext.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        false, System.getenv(), new String[] {"--help"});
    List<CommandLine> all = new ArrayList<>();
    java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      CommandLine cl = todo.pop();
      if (all.stream().anyMatch(c -> c.getCommandSpec() == cl.getCommandSpec())) {
        continue;
      }
      all.add(cl);
      todo.addAll(cl.getSubcommands().values());
    }
    List<String> found = new ArrayList<>();
    for (CommandLine cl : all) {
      CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
      if (spec.name().equals("generate-completion") || spec.name().equals("help")) {
        continue;
      }
      String name = spec.qualifiedName();
      found.addAll(midSentenceBreaks(name, spec.usageMessage().description()));
      for (CommandLine.Model.ArgSpec a : spec.args()) {
        String label = a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel();
        found.addAll(midSentenceBreaks(name + " " + label, a.description()));
      }
    }
    assertThat(found).as("description lines that end mid-sentence (write each paragraph as one string)").isEmpty();
  }

  @Test
  void anUnknownCommandIsNamedWithTheNearestOneAndExits2() {
    for (String[] args : List.of(new String[] {"reprot", "--help"}, new String[] {"reprot"},
        new String[] {"exp", "shw", "--help"})) {
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true), false);
      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(o.toString()).isEmpty();
      assertThat(e.toString()).isEqualTo(args[0].equals("exp")
          ? "cairn: unknown command 'exp shw'. Did you mean 'exp show'?\n"
          : "cairn: unknown command 'reprot'. Did you mean 'repro'?\n");
    }
    StringWriter e = new StringWriter();
    assertThat(Main.run(new String[] {"zzzzqq", "--help"}, new PrintWriter(new StringWriter(), true),
        new PrintWriter(e, true), false)).isEqualTo(2);
    assertThat(e.toString()).isEqualTo("cairn: unknown command 'zzzzqq'. Run 'cairn --help' for the commands.\n");
  }
}
