package dev.cairn.cli;

import picocli.CommandLine.Command;

@Command(name = "queue",
    description = {"Manage the experiment queue (what 'exp run --queue' adds): see the tasks and their state, start and stop running them with the local executor or on a Slurm cluster, read their logs, kill, retry and remove them."},
    subcommands = {
      QueueStartCmd.class,
      QueueStopCmd.class,
      QueueStatusCmd.class,
      QueueLogsCmd.class,
      QueueRemoveCmd.class,
      QueueKillCmd.class,
      QueueRetryCmd.class,
      QueuePushCmd.class,
      QueueExecCmd.class,
      QueueWorkerCmd.class,
    })
final class QueueCmd extends GroupCommand {
}
