package dev.cairn.queue.slurm;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.BatchEngine;
import dev.cairn.queue.JobRequest;
import dev.cairn.queue.JobStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slurm through its client commands. States come from {@code squeue --states=all} (the controller
 * keeps ended jobs for {@code MinJobAge}, 300 s by default), then from {@code sacct} where the cluster
 * keeps accounting; exit codes of ended jobs from {@code scontrol show job}.
 */
final class SlurmEngine implements BatchEngine {
  /** Slurm's job states that mean the job is still waiting or running. */
  private static final Set<String> PENDING = Set.of("PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD",
      "REQUEUE_FED", "RESV_DEL_HOLD", "SUSPENDED", "STOPPED");
  private static final Set<String> RUNNING = Set.of("RUNNING", "COMPLETING", "RESIZING", "SIGNALING", "STAGE_OUT");

  private final SlurmSettings settings;
  private final Map<String, String> env;

  SlurmEngine(SlurmSettings settings, Map<String, String> env) {
    this.settings = settings;
    this.env = env;
  }

  @Override
  public String name() {
    return "slurm";
  }

  @Override
  public String submit(JobRequest job) throws CairnException {
    List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=" + job.name(),
        "--output=" + job.log(), "--open-mode=append"));
    argv.addAll(settings.options());
    argv.add(job.scriptFile().toString());
    Out r = run(argv);
    String id = r.out.strip();
    int semi = id.indexOf(';');
    id = semi < 0 ? id : id.substring(0, semi);
    if (r.code != 0 || !id.matches("\\d+")) {
      throw CairnException.failed("sbatch refused the job for " + job.name() + ": " + r.error()
          + "; check executors.slurm in cairn.yaml (partition, time, account, …)", null);
    }
    return id;
  }

  @Override
  public Map<String, JobStatus> poll(Collection<String> jobIds) throws CairnException {
    Map<String, JobStatus> out = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return out;
    }
    Out q = run(List.of("squeue", "--noheader", "--states=all", "--format=%i|%T|%r", "--jobs=" + String.join(",", jobIds)));
    if (q.code == 0) {
      parseSqueue(q.out, out);
    } else {
      // an id the controller has forgotten makes the whole request fail: ask for each one
      for (String id : jobIds) {
        Out one = run(List.of("squeue", "--noheader", "--states=all", "--format=%i|%T|%r", "--jobs=" + id));
        if (one.code == 0) {
          parseSqueue(one.out, out);
        } else if (!one.error().contains("Invalid job id")) {
          throw CairnException.failed("squeue failed: " + one.error() + "; is the Slurm controller reachable"
              + " (SLURM_CONF, 'scontrol ping')?", null);
        }
      }
    }
    List<String> missing = jobIds.stream().filter(id -> !out.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      Out a = run(List.of("sacct", "--noheader", "--parsable2", "--allocations", "--format=JobIDRaw,State,ExitCode",
          "--jobs=" + String.join(",", missing)));
      if (a.code == 0) {
        parseSacct(a.out, out);
      }
    }
    for (Map.Entry<String, JobStatus> e : out.entrySet()) {
      JobStatus s = e.getValue();
      if (s.phase() == JobStatus.Phase.FAILED && !s.detail().contains("exit code")) {
        String code = exitCode(e.getKey());
        if (code != null) {
          e.setValue(new JobStatus(s.jobId(), s.phase(), s.state(), "exit code " + code));
        }
      }
    }
    return out;
  }

  /** {@code 12|RUNNING|None} lines. */
  static void parseSqueue(String text, Map<String, JobStatus> out) {
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length < 2 || f[0].isBlank()) {
        continue;
      }
      String reason = f.length > 2 ? f[2].strip() : "";
      if (reason.equals("None") || reason.equals("(null)")) {
        reason = "";
      }
      out.put(f[0].strip(), status(f[0].strip(), f[1].strip(), reason));
    }
  }

  /** {@code 12|CANCELLED by 0|0:15} lines. */
  static void parseSacct(String text, Map<String, JobStatus> out) {
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length < 2 || f[0].isBlank() || f[0].contains(".")) {
        continue;
      }
      String state = f[1].strip().split(" ")[0];
      JobStatus s = status(f[0].strip(), state, "");
      if (s.phase() == JobStatus.Phase.FAILED && f.length > 2 && !f[2].isBlank()) {
        s = new JobStatus(s.jobId(), s.phase(), s.state(), "exit code " + f[2].strip());
      }
      out.put(f[0].strip(), s);
    }
  }

  static JobStatus status(String id, String state, String reason) {
    JobStatus.Phase phase;
    if (PENDING.contains(state)) {
      phase = JobStatus.Phase.PENDING;
    } else if (RUNNING.contains(state)) {
      phase = JobStatus.Phase.RUNNING;
    } else if (state.equals("COMPLETED")) {
      phase = JobStatus.Phase.SUCCEEDED;
    } else {
      phase = JobStatus.Phase.FAILED; // FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY, PREEMPTED, BOOT_FAIL, DEADLINE, …
    }
    return new JobStatus(id, phase, state, reason);
  }

  /** {@code ExitCode=a:b} of an ended job from {@code scontrol show job}, or null. */
  private String exitCode(String id) {
    try {
      Out r = run(List.of("scontrol", "--oneliner", "show", "job", id));
      if (r.code != 0) {
        return null;
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|\\s)ExitCode=(\\d+:\\d+)").matcher(r.out);
      return m.find() ? m.group(1) : null;
    } catch (CairnException e) {
      return null;
    }
  }

  @Override
  public void cancel(String jobId, boolean force) throws CairnException {
    Out r = force ? run(List.of("scancel", "--full", "--signal=KILL", jobId)) : run(List.of("scancel", jobId));
    if (force && r.code != 0) {
      r = run(List.of("scancel", jobId)); // a pending job takes no signal: cancel it
    }
    if (r.code != 0 && !r.error().contains("already completing or completed") && !r.error().contains("Invalid job id")) {
      throw CairnException.failed("scancel " + jobId + " failed: " + r.error(), null);
    }
  }

  @Override
  public List<String> findByName(String jobName) throws CairnException {
    Out r = run(List.of("squeue", "--noheader", "--states=all", "--format=%i", "--name=" + jobName));
    if (r.code != 0) {
      throw CairnException.failed("squeue failed: " + r.error(), null);
    }
    List<String> out = new ArrayList<>();
    for (String l : r.out.split("\n")) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  private record Out(int code, String out, String err) {
    String error() {
      String e = err.strip();
      String[] lines = e.split("\n");
      String last = lines[lines.length - 1].strip();
      return last.isEmpty() ? "exit code " + code : last;
    }
  }

  private Out run(List<String> argv) throws CairnException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return p.getErrorStream().readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      int code = p.waitFor();
      return new Out(code, new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CairnException.failed("Cannot run " + argv.get(0) + " (" + e.getMessage() + "): the slurm executor needs"
          + " Slurm's client commands (sbatch, squeue, scancel) on PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CairnException.failed("Interrupted while running " + argv.get(0), e);
    }
  }
}
