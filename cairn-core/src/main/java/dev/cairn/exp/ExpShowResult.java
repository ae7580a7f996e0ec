package dev.cairn.exp;

import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@code exp show}: the workspace first, then each baseline with its experiments,
 * as DVC's {@code exp show --json} lists them. Render the table with {@link ExpTable}.
 */
public record ExpShowResult(List<ExpState> states) {
  public ExpShowResult {
    states = List.copyOf(states);
  }

  /** The exact {@code --json} stdout text: a list of states, compact, or indent 2 on a terminal. */
  public String json(boolean tty) {
    List<Object> out = new ArrayList<>();
    states.forEach(s -> out.add(s.toJson()));
    return PyJson.dumps(out, false, tty ? 2 : -1) + "\n";
  }
}
