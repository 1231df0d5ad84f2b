package dev.laurel.engine.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserIdsTest {

  /**
   * The model keeps each id's handle and a location per id; table rebuilds renumber the model's
   * handles through the listener, as {@link BlockSequence} does with its entries.
   */
  @Test
  void internReleaseAndLookupAgreeWithAHashMapThroughRebuildsAndCompaction() {
    Random random = new Random(7);
    UserIds ids = new UserIds(0);
    Map<String, Integer> model = new HashMap<>();
    int[] rebuilds = {0};
    ids.onRenumbering(newHandles -> {
      rebuilds[0]++;
      model.replaceAll((id, handle) -> newHandles[handle]);
    });
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      pool.add(random.nextInt(30) == 0 ? "long-" + "ß".repeat(100) + i : "id" + i);
    }

    for (int op = 0; op < 60_000; op++) {
      String id = pool.get(random.nextInt(pool.size()));
      if (random.nextInt(3) == 0) {
        Integer handle = model.remove(id);
        if (handle != null) {
          assertThat(ids.location(handle)).isEqualTo(id.hashCode());
          ids.release(handle);
        }
      } else {
        int handle = ids.intern(id);
        if (!model.containsKey(id)) {
          ids.setLocation(handle, id.hashCode());
        }
        assertThat(model.computeIfAbsent(id, key -> handle)).isEqualTo(handle);
      }
      if (op % 5000 == 0) {
        checkAll(ids, model, pool);
      }
    }
    checkAll(ids, model, pool);
    assertThat(rebuilds[0]).isGreaterThan(3);
    assertThat(ids.handleEnd()).isLessThanOrEqualTo(4 * pool.size());
  }

  private static void checkAll(UserIds ids, Map<String, Integer> model, List<String> pool) {
    assertThat(ids.size()).isEqualTo(model.size());
    for (String id : pool) {
      int handle = ids.handleOf(id);
      assertThat(handle).isEqualTo(model.getOrDefault(id, -1));
      if (handle >= 0) {
        assertThat(ids.userId(handle)).isEqualTo(id);
        assertThat(ids.location(handle)).isEqualTo(id.hashCode());
      }
    }
  }

  @Test
  void trimKeepsEveryIdAndHandle() {
    UserIds ids = new UserIds(200);
    Map<String, Integer> handles = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      handles.put("user-" + i, ids.intern("user-" + i));
    }
    for (int i = 0; i < 100; i += 2) {
      ids.release(ids.handleOf("user-" + i));
    }

    ids.trimToSize();

    for (int i = 1; i < 100; i += 2) {
      assertThat(ids.handleOf("user-" + i)).isEqualTo(handles.get("user-" + i));
      assertThat(ids.userId(ids.handleOf("user-" + i))).isEqualTo("user-" + i);
    }
    assertThat(ids.handleOf("user-0")).isEqualTo(-1);
    assertThat(ids.userId(ids.intern("new"))).isEqualTo("new");
  }
}
