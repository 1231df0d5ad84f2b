package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.Level;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.Tx;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/** {@code /points/{systemId}/levels} (LVL-8..LVL-10), listed by threshold ascending. */
final class LevelAdmin extends SystemPartAdmin<Level> {

  LevelAdmin(Database db, PointsConfigRepository repository, Scopes scopes, InstantSource clock) {
    super(db, repository, scopes, clock);
  }

  @Override
  String segment() {
    return "levels";
  }

  @Override
  String noun() {
    return "Level";
  }

  @Override
  PointsConfigRepository.Table table() {
    return PointsConfigRepository.Table.LEVELS;
  }

  @Override
  String conflict() {
    return "Key already in use by another level";
  }

  @Override
  List<Level> live(SystemConfig system) {
    return system.levels();
  }

  @Override
  String id(Level l) {
    return l.id();
  }

  @Override
  Wire.Obj json(Level l) {
    return PointsAdminJson.level(l);
  }

  @Override
  Level create(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item) {
    return LevelItems.create(item, system.id(), UUID.randomUUID().toString(), clock.instant(), system.levels());
  }

  @Override
  Level update(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item, Level current) {
    return LevelItems.update(item, current, system.levels());
  }

  @Override
  void insert(Tx tx, Scope scope, Level l) throws SQLException {
    repository.insertLevel(tx, scope, l);
  }

  @Override
  void save(Tx tx, Scope scope, Level l) throws SQLException {
    repository.updateLevel(tx, scope, l);
  }
}
