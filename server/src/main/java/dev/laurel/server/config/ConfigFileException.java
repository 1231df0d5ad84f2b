package dev.laurel.server.config;

import java.util.List;

/** An invalid configuration file (CFG-1): every problem, each with its path in the file. */
public final class ConfigFileException extends RuntimeException {
  private final List<String> problems;

  public ConfigFileException(String file, List<String> problems) {
    super("invalid configuration file " + file + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
