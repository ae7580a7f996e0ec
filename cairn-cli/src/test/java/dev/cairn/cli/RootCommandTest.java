package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;

/** Which subcommands the CLI registers for given arguments (only the named one, to start fast). */
class RootCommandTest {
  private static List<Class<?>> forArgs(String... args) {
    return RootCommand.subcommandsFor(args);
  }

  @Test
  void theNamedSubcommandOnly() {
    assertThat(forArgs("repro")).containsExactly(ReproCmd.class);
    assertThat(forArgs("-q", "repro", "-f")).containsExactly(ReproCmd.class);
    assertThat(forArgs("-C", "repro", "status")).containsExactly(StatusCmd.class);
    assertThat(forArgs("-qC", "push", "pull")).containsExactly(PullCmd.class);
    assertThat(forArgs("-C=dir", "--verbose", "params", "diff")).containsExactly(MetricsCmd.Params.class);
    assertThat(forArgs("repro", "--help")).containsExactly(ReproCmd.class);
  }

  @Test
  void everySubcommandForHelpMistakesAndCompletion() {
    assertThat(forArgs()).isEqualTo(RootCommand.SUBCOMMANDS);
    assertThat(forArgs("--help")).isEqualTo(RootCommand.SUBCOMMANDS);
    assertThat(forArgs("reproo")).isEqualTo(RootCommand.SUBCOMMANDS);
    assertThat(forArgs("--", "repro")).isEqualTo(RootCommand.SUBCOMMANDS);
    assertThat(forArgs("generate-completion")).isEqualTo(RootCommand.SUBCOMMANDS);
    assertThat(RootCommand.SUBCOMMANDS).contains(AutoComplete.GenerateCompletion.class);
  }

  @Test
  void noneForABareVersion() {
    assertThat(forArgs("--version")).isEmpty();
    assertThat(forArgs("-qV")).isEmpty();
    assertThat(forArgs("-V", "-h")).isEqualTo(RootCommand.SUBCOMMANDS);
  }

  @Test
  void usageListsEveryCommandAndInheritedOptionsStillWork() {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    assertThat(Main.run(new String[] {"--help"}, new PrintWriter(o, true), new PrintWriter(e, true), false)).isZero();
    assertThat(o.toString()).contains("init", "repro", "exp", "push", "pull", "params", "generate-completion");
    o.getBuffer().setLength(0);
    assertThat(Main.run(new String[] {"version", "-q"}, new PrintWriter(o, true), new PrintWriter(e, true), false)).isZero();
    assertThat(Main.run(new String[] {"reproo"}, new PrintWriter(o, true), new PrintWriter(e, true), false)).isEqualTo(2);
    assertThat(e.toString()).contains("repro");
  }
}
