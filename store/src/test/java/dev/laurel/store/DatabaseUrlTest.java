package dev.laurel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void postgres_urls_become_jdbc_urls_with_credentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://laurel:s%40cret@db.internal:6543/gami?sslmode=require");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/gami?sslmode=require");
    assertThat(url.user()).isEqualTo("laurel");
    assertThat(url.password()).isEqualTo("s@cret");
    assertThat(DatabaseUrl.parse("postgresql://postgres@127.0.0.1/laurel").jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/laurel");
  }

  @Test
  void jdbc_urls_pass_through() {
    assertThat(DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/laurel?user=postgres").jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/laurel?user=postgres");
  }

  @Test
  void other_urls_are_refused_with_a_clear_message() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).hasMessageContaining("postgres://");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://host")).hasMessageContaining("database");
  }
}
