/**
 * The {@code slurm} executor: each queued experiment becomes one Slurm job ({@code sbatch}), its
 * state is read with {@code squeue} (and {@code sacct} where the cluster keeps accounting), and
 * {@code scancel} stops it. Only Slurm's client commands are used, so the submitting machine needs
 * them on {@code PATH} and a {@code slurm.conf} (or {@code SLURM_CONF}) that reaches the controller,
 * as any login node has.
 */
package dev.cairn.queue.slurm;
