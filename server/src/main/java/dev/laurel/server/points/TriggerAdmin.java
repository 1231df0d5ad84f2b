package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.engine.points.Trigger;
import dev.laurel.engine.points.TriggerStatus;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** {@code /points/{systemId}/triggers} (TRIG-16..TRIG-19). Archived triggers are not listed. */
final class TriggerAdmin extends SystemPartAdmin<Trigger> {
  TriggerAdmin(Database db, PointsConfigRepository repository, Scopes scopes, InstantSource clock) {
    super(db, repository, scopes, clock);
  }

  @Override
  String segment() {
    return "triggers";
  }

  @Override
  String noun() {
    return "Points trigger";
  }

  @Override
  PointsConfigRepository.Table table() {
    return PointsConfigRepository.Table.TRIGGERS;
  }

  @Override
  List<Trigger> live(SystemConfig system) {
    return system.triggers().stream().filter(t -> t.status() != TriggerStatus.ARCHIVED).toList();
  }

  @Override
  String id(Trigger t) {
    return t.id();
  }

  @Override
  Wire.Obj json(Trigger t) {
    return PointsAdminJson.trigger(t);
  }

  @Override
  Trigger create(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item) {
    return new TriggerItems(config)
        .create(item, system.id(), UUID.randomUUID().toString(), clock.instant());
  }

  @Override
  Trigger update(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item, Trigger current) {
    return new TriggerItems(config).update(item, current, clock.instant());
  }

  @Override
  void insert(Tx tx, Scope scope, Trigger t) throws SQLException {
    repository.insertTrigger(tx, scope, t);
  }

  @Override
  void save(Tx tx, Scope scope, Trigger t) throws SQLException {
    repository.updateTrigger(tx, scope, t);
  }
}
