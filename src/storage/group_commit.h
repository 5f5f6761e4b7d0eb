// Group commit, shared by both backends: writers queue their TxFn; each writer lane (a thread with
// its own connection) takes everything queued, up to max_batch, runs each function in its own
// SAVEPOINT inside one transaction, commits once, then answers every caller of the batch.
// Batching comes only from writers arriving while a commit is in flight: nothing waits on purpose.
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "storage/connection.h"
#include "storage/database.h"

namespace zhitong::storage {

// Stats as atomics, updated by readers and writer lanes.
struct StatCounters {
  std::atomic<uint64_t> commits{0};
  std::atomic<uint64_t> writes{0};
  std::atomic<uint64_t> write_failures{0};
  std::atomic<uint64_t> reads{0};
  std::atomic<uint64_t> commit_micros{0};

  Stats Snapshot() const;
};

class GroupCommit {
 public:
  // REQUIRES: lanes non-empty, max_batch >= 1. begin_sql starts a write transaction
  // ("BEGIN IMMEDIATE" on SQLite, "BEGIN" on PostgreSQL). Starts one thread per lane.
  GroupCommit(std::vector<std::shared_ptr<Connection>> lanes, std::string begin_sql, int max_batch,
              StatCounters& stats);
  // Closes (drains the queue) if Close was not called.
  ~GroupCommit();

  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs fn in the next batch; returns its result once the batch is committed (or failed).
  // REQUIRES: not called from inside a writer function (it would wait for itself).
  Result<void> Write(const TxFn& fn);
  // Queues fn; done is called on a lane thread after the commit, or at once after Close.
  void WriteAsync(TxFn fn, std::function<void(Result<void>)> done);
  // Lets the lanes commit everything queued, then stops them. Idempotent.
  void Close();

 private:
  struct Job {
    const TxFn* borrowed = nullptr;  // Write: the caller's fn, alive until done is called
    TxFn owned;                      // WriteAsync: our copy
    std::function<void(Result<void>)> done;
    const TxFn& fn() const { return borrowed ? *borrowed : owned; }
  };

  void Enqueue(Job job);
  void LaneLoop(Connection& conn);
  void RunBatch(Connection& conn, std::vector<Job>& batch);

  const std::string begin_sql_;
  const size_t max_batch_;
  StatCounters& stats_;
  std::vector<std::shared_ptr<Connection>> lanes_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;  // guarded by mu_
  bool closing_ = false;   // guarded by mu_
  std::vector<std::thread> threads_;
  std::once_flag joined_;
};

}  // namespace zhitong::storage
