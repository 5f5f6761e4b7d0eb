#include "storage/pooled_database.h"

#include <utility>

#include "storage/migrations.h"

namespace zhitong::storage {

ConnectionPool::ConnectionPool(std::vector<std::shared_ptr<Connection>> conns) : conns_(std::move(conns)) {
  for (size_t i = conns_.size(); i > 0; --i) free_.push_back(i - 1);
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return !free_.empty(); });
  const size_t index = free_.back();
  free_.pop_back();
  return Lease(this, index);
}

void ConnectionPool::Release(size_t index) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(index);
  }
  cv_.notify_one();
}

PooledDatabase::PooledDatabase(Parts parts)
    : dialect_(parts.dialect),
      begin_read_(std::move(parts.begin_read)),
      writers_(parts.writers),
      readers_(std::move(parts.readers)),
      group_commit_(std::move(parts.writers), std::move(parts.begin_write), parts.max_batch, stats_) {}

PooledDatabase::~PooledDatabase() { group_commit_.Close(); }

Result<void> PooledDatabase::Read(const TxFn& fn) {
  stats_.reads.fetch_add(1, std::memory_order_relaxed);
  auto lease = readers_.Acquire();
  Connection& conn = *lease;
  std::lock_guard lock(conn.mutex());
  ZT_TRY(conn.EnsureOpen());
  ZT_TRY(conn.ExecScript(begin_read_));
  ConnTx tx(conn);
  Result<void> result = RunTxFn(fn, tx);
  if (!result) {
    (void)conn.ExecScript("ROLLBACK");
    return result;
  }
  return conn.ExecScript("COMMIT");
}

Result<void> PooledDatabase::Write(const TxFn& fn) { return group_commit_.Write(fn); }

void PooledDatabase::WriteAsync(TxFn fn, std::function<void(Result<void>)> done) {
  group_commit_.WriteAsync(std::move(fn), std::move(done));
}

Result<void> PooledDatabase::Ping() {
  return Read([](Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT 1 AS one")));
    if (rows.size() != 1 || rows[0].i64("one") != 1) {
      return Error::Internal("storage.ping", "database answered SELECT 1 wrongly", "数据库响应异常");
    }
    return Ok();
  });
}

Result<int> PooledDatabase::SchemaVersion() {
  return ReadValue([](Tx& tx) { return AppliedVersion(tx); });
}

void PooledDatabase::Close() { group_commit_.Close(); }

}  // namespace zhitong::storage
