package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.QueueStatusCommand;
import dev.cairn.format.PyJson;
import dev.cairn.metrics.TextTable;
import dev.cairn.queue.Task;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = {"Show the experiment queue's tasks (Running, Queued, Failed, Success) and the local workers. Tasks run by a batch executor show its job id and state (Slurm's PENDING, RUNNING, ...); jobs that have ended are collected first: their experiments are fetched, or they move to the failed queue with the reason."})
final class QueueStatusCmd extends BaseCommand {
  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      QueueStatusCommand.Result r = c.queueStatus().call();
      r.warnings().forEach(w -> err().println("WARNING: " + w));
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> tasks = new ArrayList<>();
        r.tasks().forEach(t -> tasks.add(t.toJson()));
        m.put("tasks", tasks);
        Map<String, Object> workers = new LinkedHashMap<>();
        r.workers().forEach((pid, n) -> workers.put(String.valueOf(pid), n));
        m.put("workers", workers);
        out().println(PyJson.dumpsUnsorted(m));
        out().flush();
        return 0;
      }
      out().print(table(r.tasks(), LocalDate.now()));
      out().println();
      long active = r.workers().values().stream().filter(n -> n > 0).count();
      out().println("Worker status: " + active + " active, " + (r.workers().size() - active) + " idle");
      out().flush();
    }
    return 0;
  }

  /** DVC's table (Task, Name, Created, Status), plus Executor, Job and Reason when any task has them. */
  static String table(List<Task> tasks, LocalDate today) {
    if (tasks.isEmpty()) {
      return "No experiment tasks in the queue.\n";
    }
    boolean executor = tasks.stream().anyMatch(t -> t.executor() != null);
    boolean job = tasks.stream().anyMatch(t -> t.jobId() != null);
    boolean reason = tasks.stream().anyMatch(t -> t.reason() != null);
    List<String> headers = new ArrayList<>(List.of("Task", "Name", "Created", "Status"));
    if (executor) {
      headers.add("Executor");
    }
    if (job) {
      headers.add("Job");
    }
    if (reason) {
      headers.add("Reason");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Task t : tasks) {
      List<String> row = new ArrayList<>(List.of(t.shortRev(), t.name(), created(t, today), t.state().label()));
      if (executor) {
        row.add(t.executor() == null ? "" : t.executor());
      }
      if (job) {
        row.add(t.jobId() == null ? "" : t.jobId() + (t.jobState() == null ? "" : " " + t.jobState()));
      }
      if (reason) {
        row.add(t.reason() == null ? "" : t.reason());
      }
      rows.add(row);
    }
    return new TextTable(headers, rows).plain();
  }

  private static String created(Task t, LocalDate today) {
    if (t.created() == null) {
      return "";
    }
    LocalDateTime ts = LocalDateTime.ofInstant(t.created(), ZoneId.systemDefault());
    String pattern = ts.toLocalDate().equals(today) ? "hh:mm a" : "MMM dd, yyyy";
    return ts.format(DateTimeFormatter.ofPattern(pattern, Locale.US));
  }
}
