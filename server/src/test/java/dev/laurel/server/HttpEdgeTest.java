package dev.laurel.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP edge: ERR-9 precedence, ERR-1/ERR-7 bodies, GEN-2, GEN-12, GEN-17, AUTH-1/6/7. */
class HttpEdgeTest {
  static TestServer server;
  static String appKey;

  @BeforeAll
  static void start() {
    server = new TestServer();
    server.createMetric("lessons");
    var r = server.admin("POST", "/application-api-keys", "[{\"userId\":\"alice\"}]");
    appKey = r.body().path("created").get(0).path("key").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void auth1_err9_authentication_comes_before_routing() {
    var noKey = server.call("GET", "/v1/no-such-route", null, null);
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.error()).isEqualTo("Unauthorized");
    for (String key : new String[] {"garbage", "abcd1234.", ".secret", "zzzz9999.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123", "testkey1.wrongsecretwrongsecretwrongsecret00"}) {
      assertThat(server.call("GET", "/v1/users/alice", key, null).status()).as(key).isEqualTo(401);
    }
  }

  @Test
  void err7_unknown_routes_are_404_and_wrong_methods_405() {
    var missing = server.app("GET", "/no-such-route", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("Not found");
    assertThat(server.app("DELETE", "/users/alice", null).status()).isEqualTo(405);
  }

  @Test
  void auth6_application_keys_never_reach_the_admin_api() {
    var r = server.call("GET", "/admin/v1/metrics", appKey, null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error()).isEqualTo("Application API keys are not accepted by the admin API");
  }

  @Test
  void auth7_application_keys_act_only_for_their_user() {
    var own = server.call("POST", "/v1/metrics/lessons/event", appKey, "{\"user\":{\"id\":\"alice\"},\"value\":1}");
    assertThat(own.status()).isEqualTo(201);
    var other = server.call("POST", "/v1/metrics/lessons/event", appKey, "{\"user\":{\"id\":\"bob\"},\"value\":1}");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.error()).isEqualTo("This API key is not authorised for user bob");
    assertThat(server.call("GET", "/v1/users/bob", appKey, null).status()).isEqualTo(403);
    assertThat(server.app("GET", "/users/bob", null).status()).isEqualTo(404);
  }

  @Test
  void auth12_a_deleted_application_key_fails_from_the_next_request_on() {
    var created = server.admin("POST", "/application-api-keys", "[{\"userId\":\"carol\"}]").body().path("created").get(0);
    String key = created.path("key").asText();
    assertThat(created.path("prefix").asText()).startsWith("app_");
    assertThat(key).startsWith(created.path("prefix").asText() + ".");
    assertThat(server.call("PUT", "/v1/users/carol", key, "{}").status()).isEqualTo(200);
    var deleted = server.admin("DELETE", "/application-api-keys?ids=" + created.path("id").asText() + ",not-a-uuid", null);
    assertThat(deleted.body().path("deleted").get(0).path("id").asText()).isEqualTo(created.path("id").asText());
    assertThat(deleted.body().path("issues").get(0).path("message").asText()).isEqualTo("id must be a valid UUID");
    assertThat(server.call("GET", "/v1/users/carol", key, null).status()).isEqualTo(401);
  }

  @Test
  void gen2_err8_every_response_is_json_with_a_request_id() {
    var r = server.app("GET", "/users/nobody", null);
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void err3_malformed_bodies_are_400_where_declared_and_422_elsewhere() {
    assertThat(server.app("POST", "/metrics/lessons/event", "{not json").status()).isEqualTo(400);
    assertThat(server.app("POST", "/metrics/lessons/event", "{\"user\":{\"id\":\"a\"},\"value\":\"1\"}").status()).isEqualTo(400);
    assertThat(server.app("POST", "/metrics/lessons/event", "{\"user\":{\"id\":7},\"value\":1}").status()).isEqualTo(400);
    assertThat(server.admin("POST", "/metrics", "{not json").status()).isEqualTo(422);
    assertThat(server.app("PATCH", "/users/alice/preferences", "[]").status()).isEqualTo(422);
  }

  @Test
  void gen12_bodies_over_one_mebibyte_are_413_and_change_nothing() {
    String big = "{\"user\":{\"id\":\"big\",\"name\":\"" + "x".repeat(1 << 20) + "\"},\"value\":1}";
    var r = server.app("POST", "/metrics/lessons/event", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).contains("larger than");
    assertThat(server.app("GET", "/users/big", null).status()).isEqualTo(404);
  }

  @Test
  void gen17_the_application_api_answers_cors_preflights_without_a_key() {
    var r = server.call("OPTIONS", "/v1/metrics/lessons/event", null, null, "Origin", "https://app.example", "Access-Control-Request-Method", "POST");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.header("Access-Control-Allow-Headers")).contains("X-API-KEY").contains("Idempotency-Key");
  }

  @Test
  void health_answers_without_a_key() {
    assertThat(server.call("GET", "/health", null, null).status()).isEqualTo(200);
  }
}
