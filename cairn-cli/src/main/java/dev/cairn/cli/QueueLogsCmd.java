package dev.cairn.cli;

import dev.cairn.api.Cairn;
import java.io.OutputStream;
import java.nio.charset.Charset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = {"Show output logs for running and completed experiment queue tasks. A Slurm job's log is readable when the repository (or executors.slurm.log_dir) is on a filesystem the nodes share."})
final class QueueLogsCmd extends BaseCommand {
  @Option(names = {"-e", "--encoding"}, paramLabel = "<encoding>",
      description = "Text encoding of the log. Defaults to the system's.")
  String encoding;

  @Option(names = {"-f", "--follow"},
      description = "Attach to the task and follow additional live output until it ends. Only applicable if the task is still running.")
  boolean follow;

  @Parameters(paramLabel = "<task>", description = "Task to show: a name or a task id (a prefix).")
  String task;

  @Override
  int doCall() throws Exception {
    Charset cs = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    java.io.PrintWriter w = out();
    OutputStream sink = new OutputStream() {
      private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

      @Override
      public void write(int b) {
        buf.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        buf.write(b, off, len);
      }

      @Override
      public void flush() {
        w.print(buf.toString(cs));
        w.flush();
        buf.reset();
      }
    };
    try (Cairn c = Cairn.open(workDir(), env())) {
      if (follow) {
        info("Following logs for experiment '" + task + "'. Use Ctrl+C to stop following logs (experiment"
            + " execution will continue).");
      }
      c.queueLogs().setTask(task).setFollow(follow).setOutput(sink).call();
      sink.flush();
    }
    return 0;
  }
}
