package dev.laurel.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location given as {@code postgres://user:password@host:5432/db} (also
 * {@code postgresql://}) or as a {@code jdbc:postgresql:} URL, turned into what JDBC needs.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

  public static DatabaseUrl parse(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(url, null, null);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("database URL is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
      throw new IllegalArgumentException(
          "database URL must start with postgres://, postgresql:// or jdbc:postgresql: (got " + scheme + ")");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("database URL must name a host and a database: postgres://user@host:5432/db");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public Database open() {
    return open(Database.DEFAULT_POSTGRES_POOL);
  }

  /** Opens the store with {@code poolSize} pooled connections. */
  public Database open(int poolSize) {
    return Database.openPostgres(jdbcUrl, user, password, poolSize);
  }

  @Override
  public String toString() {
    return jdbcUrl + (user == null ? "" : " as " + user);
  }
}
