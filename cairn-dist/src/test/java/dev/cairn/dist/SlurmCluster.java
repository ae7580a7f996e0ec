package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Slurm cluster for the tests, from Debian's {@code slurm-wlm} and {@code munge}:
 * {@code munged} with its own key and socket, then {@code slurmctld} and {@code slurmd} from one
 * {@code slurm.conf} on loopback, on free ports, with their state, spool, logs and pid files in a
 * temp directory; no systemd. Needs root (the daemons run jobs as their submitter). {@link #close}
 * shuts everything down.
 */
final class SlurmCluster implements AutoCloseable {
  private static final List<String> BINARIES = List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel",
      "scontrol", "sinfo");

  final Path dir;
  final Path conf;
  final String node;
  private final Path mungeSocket;

  private SlurmCluster(Path dir, Path conf, String node, Path mungeSocket) {
    this.dir = dir;
    this.conf = conf;
    this.node = node;
    this.mungeSocket = mungeSocket;
  }

  /** Why the cluster cannot be started here, or null when it can (the binaries are there and we are root). */
  static String unavailable() {
    List<String> missing = new ArrayList<>();
    for (String b : BINARIES) {
      if (which(b) == null) {
        missing.add(b);
      }
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (missing.isEmpty() && root) {
      return null;
    }
    return "a real Slurm cluster needs Debian's slurm-wlm and munge"
        + (missing.isEmpty() ? "" : " (missing: " + String.join(", ", missing) + ")")
        + (root ? "" : " and root, to start munged, slurmctld and slurmd") + "; .ci/run installs them";
  }

  static Path which(String name) {
    for (String d : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Starts munged, slurmctld and slurmd; waits until the node is idle. */
  static SlurmCluster start(int cpus) throws Exception {
    // a short path: munge's socket path must fit in sockaddr_un
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "cslurm");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path munge = Files.createDirectories(dir.resolve("munge"));
    Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx--x--x"));
    byte[] key = new byte[1024];
    new SecureRandom().nextBytes(key);
    Path keyFile = munge.resolve("munge.key");
    Files.write(keyFile, key);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
    Path socket = munge.resolve("s");
    String node = hostname();
    Map<String, String> env = new HashMap<>(System.getenv());
    Dist.run(dir, env, List.of(which("munged").toString(), "--force", "--key-file=" + keyFile, "--socket=" + socket,
        "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"),
        "--seed-file=" + munge.resolve("munged.seed"))).ok();
    int ctld = freePort();
    int slurmd = freePort();
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("spool"));
    String text = String.join("\n",
        "ClusterName=cairnit",
        "SlurmctldHost=" + node + "(127.0.0.1)",
        "SlurmctldPort=" + ctld,
        "SlurmdPort=" + slurmd,
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "AuthInfo=socket=" + socket,
        "CredType=cred/munge",
        "StateSaveLocation=" + dir.resolve("state"),
        "SlurmdSpoolDir=" + dir.resolve("spool"),
        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
        "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
        "SlurmdLogFile=" + dir.resolve("slurmd.log"),
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU",
        "JobCompType=jobcomp/filetxt",
        "JobCompLoc=" + dir.resolve("jobcomp.txt"),
        "MpiDefault=none",
        "ReturnToService=2",
        "SchedulerType=sched/backfill",
        "SchedulerParameters=sched_interval=2",
        "KillWait=5",
        "MinJobAge=600",
        "NodeName=" + node + " NodeAddr=127.0.0.1 CPUs=" + cpus + " State=UNKNOWN",
        "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        "");
    Path conf = dir.resolve("slurm.conf");
    Files.writeString(conf, text, StandardCharsets.UTF_8);
    SlurmCluster c = new SlurmCluster(dir, conf, node, socket);
    Map<String, String> e = c.env(env);
    Dist.run(dir, e, List.of(which("slurmctld").toString(), "-f", conf.toString())).ok();
    Dist.run(dir, e, List.of(which("slurmd").toString(), "-f", conf.toString(), "-N", node)).ok();
    long deadline = System.nanoTime() + 60_000_000_000L;
    String state = "";
    while (System.nanoTime() < deadline) {
      Dist.Result r = Dist.run(dir, e, "sinfo", "--noheader", "--format=%T");
      state = r.out().strip();
      if (r.code() == 0 && (state.equals("idle") || state.equals("mixed") || state.equals("allocated"))) {
        return c;
      }
      Thread.sleep(250);
    }
    String logs = read(dir.resolve("slurmctld.log")) + read(dir.resolve("slurmd.log"));
    c.close();
    throw new AssertionError("the Slurm node did not become idle (sinfo: '" + state + "'); logs:\n" + logs);
  }

  /** {@code env} plus {@code SLURM_CONF} pointing at this cluster. */
  Map<String, String> env(Map<String, String> env) {
    Map<String, String> e = new HashMap<>(env);
    e.put("SLURM_CONF", conf.toString());
    return e;
  }

  private static String hostname() throws Exception {
    Dist.Result r = Dist.run(Path.of("/"), new HashMap<>(System.getenv()), "hostname", "-s");
    String h = r.out().strip();
    assertThat(h).isNotEmpty();
    return h;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws Exception {
    Map<String, String> e = env(new HashMap<>(System.getenv()));
    Dist.run(dir, e, "scancel", "--full", "--user=root");
    Dist.run(dir, e, "scontrol", "shutdown");
    for (String pidFile : List.of("slurmd.pid", "slurmctld.pid", "munge/munged.pid")) {
      Path f = dir.resolve(pidFile);
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (Files.exists(f) && System.nanoTime() < deadline) {
        String pid = read(f).strip();
        var h = pid.matches("\\d+") ? ProcessHandle.of(Long.parseLong(pid)) : java.util.Optional.<ProcessHandle>empty();
        if (h.isEmpty() || !h.get().isAlive()) {
          break;
        }
        if (pidFile.startsWith("munge")) {
          h.get().destroy();
        }
        Thread.sleep(200);
        if (System.nanoTime() > deadline - 5_000_000_000L) {
          h.get().destroyForcibly();
        }
      }
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ex) {
      // a daemon still writing its log: the directory is in /tmp
    }
  }

  /** The daemons' logs, for a failing test's message. */
  String logs() {
    return "slurmctld.log:\n" + read(dir.resolve("slurmctld.log")) + "\nslurmd.log:\n" + read(dir.resolve("slurmd.log"));
  }

  Path mungeSocket() {
    return mungeSocket;
  }
}
