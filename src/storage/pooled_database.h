// The part of Database common to both backends: a pool of reader sessions (each Read runs in its
// own snapshot transaction), group-committed writes, Ping, Close and the counters. A backend
// supplies the connections, its transaction statements and its migration procedure.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/connection.h"
#include "storage/database.h"
#include "storage/group_commit.h"

namespace zhitong::storage {

// A fixed set of sessions lent out one caller at a time.
class ConnectionPool {
 public:
  explicit ConnectionPool(std::vector<std::shared_ptr<Connection>> conns);

  // A borrowed connection; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, size_t index) : pool_(pool), index_(index) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_->Release(index_); }
    Connection& operator*() const { return *pool_->conns_[index_]; }
    Connection* operator->() const { return pool_->conns_[index_].get(); }

   private:
    ConnectionPool* pool_;
    size_t index_;
  };

  // Waits until a session is free. REQUIRES: the pool is not empty.
  Lease Acquire();

 private:
  void Release(size_t index);

  std::vector<std::shared_ptr<Connection>> conns_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<size_t> free_;  // guarded by mu_
};

class PooledDatabase : public Database {
 public:
  struct Parts {
    Dialect dialect = Dialect::kSqlite;
    std::vector<std::shared_ptr<Connection>> readers;  // may include a writer (SQLite in memory)
    std::vector<std::shared_ptr<Connection>> writers;  // one per lane
    std::string begin_read;                            // starts a snapshot transaction
    std::string begin_write;
    int max_batch = 512;
  };
  explicit PooledDatabase(Parts parts);
  ~PooledDatabase() override;

  Dialect dialect() const override { return dialect_; }
  Result<void> Read(const TxFn& fn) override;
  Result<void> Write(const TxFn& fn) override;
  void WriteAsync(TxFn fn, std::function<void(Result<void>)> done) override;
  Result<void> Ping() override;
  Result<int> SchemaVersion() override;
  void Close() override;
  Stats stats() const override { return stats_.Snapshot(); }

 protected:
  // The first writer connection (migrations on SQLite run there, under its mutex).
  Connection& primary_writer() { return *writers_.front(); }

 private:
  const Dialect dialect_;
  const std::string begin_read_;
  StatCounters stats_;
  std::vector<std::shared_ptr<Connection>> writers_;
  ConnectionPool readers_;
  GroupCommit group_commit_;
};

}  // namespace zhitong::storage
