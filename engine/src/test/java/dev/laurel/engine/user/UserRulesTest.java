package dev.laurel.engine.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.attribute.AttributeDef;
import dev.laurel.engine.attribute.AttributeDef.AttributeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserRulesTest {
  private static final Scope SCOPE = Scope.defaultTenant("env-1");
  private static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");
  private static final Instant T1 = Instant.parse("2025-01-16T08:00:00Z");
  private static final ScopeConfig CONFIG =
      new ScopeConfig(
          List.of(),
          List.of(
              new AttributeDef("a1", "plan", "Plan", AttributeType.USER),
              new AttributeDef("a2", "country", "Country", AttributeType.USER),
              new AttributeDef("a3", "device", "Device", AttributeType.EVENT)),
          0);

  private static UserPatch patch(String email, String tz, Boolean subscribe) {
    return new UserPatch(email, null, tz, null, subscribe, null);
  }

  @Test
  void user1_id_is_non_empty_and_at_most_255_characters() {
    UserRules.checkId("u".repeat(255));
    assertThatThrownBy(() -> UserRules.checkId("")).isInstanceOf(Rejection.class);
    assertThatThrownBy(() -> UserRules.checkId("u".repeat(256)))
        .hasMessage("user id must be at most 255 characters");
  }

  @Test
  void user2_new_users_get_the_defaults() {
    UserProfile p = UserRules.create(SCOPE, CONFIG, "u1", UserPatch.EMPTY, T0);
    assertThat(p.email()).isNull();
    assertThat(p.name()).isNull();
    assertThat(p.tz()).isNull();
    assertThat(p.deviceTokens()).isEmpty();
    assertThat(p.subscribeToEmails()).isTrue();
    assertThat(p.attributes()).isEmpty();
    assertThat(p.control()).isFalse();
    assertThat(p.created()).isEqualTo(T0);
    assertThat(p.updated()).isEqualTo(T0);
  }

  @Test
  void user7_region_zones_are_accepted_and_offsets_or_unknown_names_refused() {
    for (String tz : List.of("Europe/London", "America/New_York", "UTC", "Etc/GMT+5", "Asia/Kolkata")) {
      UserRules.check(CONFIG, patch(null, tz, null), null);
    }
    for (String tz : List.of("+01:00", "Mars/Olympus", "", "GMT+1", "utc")) {
      assertThatThrownBy(() -> UserRules.check(CONFIG, patch(null, tz, null), null))
          .isInstanceOf(Rejection.class)
          .hasMessage("Invalid timezone: " + tz);
    }
  }

  @Test
  void user8_email_needs_one_at_with_both_parts() {
    UserRules.check(CONFIG, patch("ada@example.com", null, null), null);
    for (String email : List.of("ada", "@example.com", "ada@", "a@b@c", "a b@c.d", "a@" + "x".repeat(320))) {
      assertThatThrownBy(() -> UserRules.check(CONFIG, patch(email, null, null), null))
          .hasMessage("Invalid email");
    }
  }

  @Test
  void user9_subscribing_explicitly_requires_an_email() {
    assertThatThrownBy(() -> UserRules.check(CONFIG, patch(null, null, true), null))
        .hasMessage("An email is required when subscribeToEmails is true");
    UserRules.check(CONFIG, patch("a@b.c", null, true), null);
    UserProfile withEmail = UserRules.create(SCOPE, CONFIG, "u1", patch("a@b.c", null, null), T0);
    UserRules.check(CONFIG, patch(null, null, true), withEmail);
  }

  @Test
  void user9_unsubscribed_users_keep_no_email() {
    UserProfile p = UserRules.create(SCOPE, CONFIG, "u1", patch("a@b.c", null, null), T0);
    UserProfile off = UserRules.update(p, patch(null, null, false), T1);
    assertThat(off.email()).isNull();
    assertThat(off.subscribeToEmails()).isFalse();
    UserProfile stillOff = UserRules.update(off, patch("new@b.c", null, null), T1);
    assertThat(stillOff.email()).isNull();
    UserProfile on = UserRules.update(off, patch("new@b.c", null, true), T1);
    assertThat(on.email()).isEqualTo("new@b.c");
  }

  @Test
  void user10_device_tokens_replace_the_list_without_duplicates() {
    UserProfile p =
        UserRules.create(SCOPE, CONFIG, "u1", new UserPatch(null, null, null, List.of("b", "a", "b"), null, null), T0);
    assertThat(p.deviceTokens()).containsExactly("b", "a");
    UserProfile cleared = UserRules.update(p, new UserPatch(null, null, null, List.of(), null, null), T1);
    assertThat(cleared.deviceTokens()).isEmpty();
    assertThatThrownBy(
            () -> UserRules.check(CONFIG, new UserPatch(null, null, null, List.of(""), null, null), null))
        .isInstanceOf(Rejection.class);
  }

  @Test
  void user5_user11_upsert_changes_only_given_fields_and_moves_updated_only_on_change() {
    UserProfile p = UserRules.create(SCOPE, CONFIG, "u1", new UserPatch("a@b.c", "Ada", "UTC", null, null, null), T0);
    UserProfile same = UserRules.update(p, new UserPatch(null, "Ada", null, null, null, null), T1);
    assertThat(same).isSameAs(p);
    UserProfile renamed = UserRules.update(p, new UserPatch(null, "Grace", null, null, null, null), T1);
    assertThat(renamed.name()).isEqualTo("Grace");
    assertThat(renamed.email()).isEqualTo("a@b.c");
    assertThat(renamed.tz()).isEqualTo("UTC");
    assertThat(renamed.created()).isEqualTo(T0);
    assertThat(renamed.updated()).isEqualTo(T1);
  }

  @Test
  void attr6_unknown_user_attribute_keys_are_listed_in_request_order() {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("pln", "pro");
    attrs.put("plan", "pro");
    attrs.put("devise", "ios");
    assertThatThrownBy(() -> UserRules.check(CONFIG, new UserPatch(null, null, null, null, null, attrs), null))
        .hasMessage("Invalid attribute keys: pln, devise. Define these attributes before using them.");
    Map<String, String> eventKey = Map.of("device", "ios");
    assertThatThrownBy(() -> UserRules.check(CONFIG, new UserPatch(null, null, null, null, null, eventKey), null))
        .hasMessageStartingWith("Invalid attribute keys: device");
  }

  @Test
  void attr6_values_are_at_most_1000_characters() {
    UserPatch tooLong = new UserPatch(null, null, null, null, null, Map.of("plan", "x".repeat(1001)));
    assertThatThrownBy(() -> UserRules.check(CONFIG, tooLong, null)).isInstanceOf(Rejection.class);
  }

  @Test
  void attr7_attr9_attributes_merge_key_by_key_null_removes_and_empty_is_a_value() {
    UserProfile p =
        UserRules.create(SCOPE, CONFIG, "u1", new UserPatch(null, null, null, null, null, Map.of("plan", "pro", "country", "FR")), T0);
    Map<String, String> change = new LinkedHashMap<>();
    change.put("plan", null);
    change.put("country", "");
    UserProfile merged = UserRules.update(p, new UserPatch(null, null, null, null, null, change), T1);
    assertThat(merged.attributes()).containsExactly(Map.entry("country", ""));
  }

  @Test
  void user12_control_assignment_is_deterministic_and_follows_the_ratio() {
    assertThat(UserRules.isControl(SCOPE, "u1", 0)).isFalse();
    assertThat(UserRules.isControl(SCOPE, "u1", 1)).isTrue();
    int control = 0;
    for (int i = 0; i < 10_000; i++) {
      boolean first = UserRules.isControl(SCOPE, "user-" + i, 0.3);
      assertThat(UserRules.isControl(SCOPE, "user-" + i, 0.3)).isEqualTo(first);
      control += first ? 1 : 0;
    }
    assertThat(control).isBetween(2_800, 3_200);
  }
}
