package dev.laurel.server;

import java.nio.file.Path;

/**
 * Start-up settings of a server: from command-line options, else the environment, else defaults.
 * {@code adminKey} is an admin key to accept (LAUREL_ADMIN_KEY); null when not given.
 */
public record Settings(int port, Path dataDir, Path configFile, String adminKey) {}
