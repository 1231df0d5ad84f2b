package dev.laurel.engine.leaderboard;

@FunctionalInterface
interface EntryVisitor {
  void visit(int handle, long whole, long fraction, long reachedAt, int position);
}
