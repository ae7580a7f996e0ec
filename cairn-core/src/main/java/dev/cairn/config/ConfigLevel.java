package dev.cairn.config;

/** The config files DVC merges, lowest precedence first (dvc-format.md §3.5). */
public enum ConfigLevel {
  SYSTEM, GLOBAL, REPO, LOCAL
}
