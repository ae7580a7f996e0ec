package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} and {@code -h} with its usage and exit 0. */
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
}
