package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.laurel.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CFG-1 (apply, idempotent, matched by key) and TEN-2..TEN-4, TEN-12 through the HTTP API. */
class ConfigAndTenancyTest {
  private static Path write(String yaml) throws IOException {
    Path file = TestDatabases.temporaryFile("laurel-config", ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void cfg1_the_file_creates_objects_once_and_updates_them_by_key() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                tenants:
                  default:
                    attributes: [{key: plan, name: Plan, type: user}]
                    metrics: [{key: lessons, name: Lessons}]
            """);
    try (TestServer server = new TestServer(file)) {
      var metrics = server.admin("GET", "/metrics", null).body();
      assertThat(metrics).hasSize(1);
      String id = metrics.get(0).path("id").asText();
      server.restart();
      assertThat(server.admin("GET", "/metrics", null).body()).hasSize(1);
      Files.writeString(file, Files.readString(file).replace("name: Lessons", "name: Lessons done"));
      server.restart();
      var after = server.admin("GET", "/metrics", null).body();
      assertThat(after).hasSize(1);
      assertThat(after.get(0).path("id").asText()).isEqualTo(id);
      assertThat(after.get(0).path("name").asText()).isEqualTo("Lessons done");
      assertThat(server.admin("GET", "/attributes", null).body().get(0).path("key").asText()).isEqualTo("plan");
    }
  }

  @Test
  void cfg5_a_fresh_installation_without_a_configured_key_prints_one_admin_key() throws Exception {
    Path dir = TestDatabases.temporaryDirectory("laurel-fresh");
    var out = new java.io.ByteArrayOutputStream();
    try (Laurel laurel =
        Laurel.start(new Settings(0, dir, null, null), java.time.InstantSource.system(), new java.io.PrintStream(out, true))) {
      String printed = out.toString().lines().filter(l -> l.startsWith("  ")).findFirst().orElseThrow().trim();
      assertThat(printed).matches("[a-z0-9]{8}\\.[A-Za-z0-9]{40}");
      var client = java.net.http.HttpClient.newHttpClient();
      var request =
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + laurel.port() + "/admin/v1/metrics"))
              .header("X-API-KEY", printed)
              .build();
      assertThat(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
    var again = new java.io.ByteArrayOutputStream();
    try (Laurel laurel =
        Laurel.start(new Settings(0, dir, null, null), java.time.InstantSource.system(), new java.io.PrintStream(again, true))) {
      assertThat(laurel.port()).isPositive();
      assertThat(again.toString()).doesNotContain("admin API key");
    }
  }

  @Test
  void ten3_ten12_with_multi_tenancy_every_request_names_a_known_tenant_and_sees_only_it() throws IOException {
    Path file =
        write(
            """
            environments:
              production:
                multiTenancy: true
                tenants:
                  acme:
                    name: Acme
                    metrics: [{key: lessons, name: Lessons}]
                  globex:
                    name: Globex
                    metrics: [{key: lessons, name: Lessons}]
            """);
    try (TestServer server = new TestServer(file)) {
      String event = "{\"user\":{\"id\":\"u1\"},\"value\":2}";
      var missing = server.app("POST", "/metrics/lessons/event", event);
      assertThat(missing.status()).isEqualTo(422);
      assertThat(missing.error()).isEqualTo("Tenant-ID header is required");
      var unknown = server.app("POST", "/metrics/lessons/event", event, "Tenant-ID", "initech");
      assertThat(unknown.error()).isEqualTo("Unknown tenant: initech");
      assertThat(server.app("POST", "/metrics/lessons/event", event, "Tenant-ID", "acme").status()).isEqualTo(201);
      assertThat(server.app("GET", "/users/u1/metrics/lessons", null, "Tenant-ID", "acme").body().path("current").asInt())
          .isEqualTo(2);
      assertThat(server.app("GET", "/users/u1", null, "Tenant-ID", "globex").status()).isEqualTo(404);
    }
  }
}
