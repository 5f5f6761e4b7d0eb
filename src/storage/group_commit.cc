#include "storage/group_commit.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>
#include <utility>

namespace zhitong::storage {
namespace {

Error Closed() {
  return Error::Unavailable("storage.closed", "the database is closed; the write was not done",
                            "数据库已关闭，写入未执行");
}

// Ends the batch transaction after a savepoint statement failed: its state is unknown, so none
// of the batch's changes may commit.
Error BatchBroken(const Error& cause) {
  Error e = Error::Unavailable("storage.unavailable",
                               "the shared write transaction failed (" + cause.message + "); retry",
                               "共享写事务失败，请重试");
  return e;
}

}  // namespace

Stats StatCounters::Snapshot() const {
  Stats s;
  s.commits = commits.load(std::memory_order_relaxed);
  s.writes = writes.load(std::memory_order_relaxed);
  s.write_failures = write_failures.load(std::memory_order_relaxed);
  s.reads = reads.load(std::memory_order_relaxed);
  s.commit_micros = commit_micros.load(std::memory_order_relaxed);
  return s;
}

GroupCommit::GroupCommit(std::vector<std::shared_ptr<Connection>> lanes, std::string begin_sql,
                         int max_batch, StatCounters& stats)
    : begin_sql_(std::move(begin_sql)),
      max_batch_(static_cast<size_t>(std::max(1, max_batch))),
      stats_(stats),
      lanes_(std::move(lanes)) {
  threads_.reserve(lanes_.size());
  for (auto& lane : lanes_) {
    Connection* conn = lane.get();
    threads_.emplace_back([this, conn] { LaneLoop(*conn); });
  }
}

GroupCommit::~GroupCommit() { Close(); }

Result<void> GroupCommit::Write(const TxFn& fn) {
  std::promise<Result<void>> promise;
  auto future = promise.get_future();
  Job job;
  job.borrowed = &fn;
  job.done = [&promise](Result<void> r) { promise.set_value(std::move(r)); };
  Enqueue(std::move(job));
  return future.get();
}

void GroupCommit::WriteAsync(TxFn fn, std::function<void(Result<void>)> done) {
  Job job;
  job.owned = std::move(fn);
  job.done = std::move(done);
  Enqueue(std::move(job));
}

void GroupCommit::Enqueue(Job job) {
  {
    std::lock_guard lock(mu_);
    if (!closing_) {
      queue_.push_back(std::move(job));
      cv_.notify_one();
      return;
    }
  }
  if (job.done) job.done(Closed());
}

void GroupCommit::Close() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  std::call_once(joined_, [this] {
    for (auto& t : threads_) t.join();
  });
}

void GroupCommit::LaneLoop(Connection& conn) {
  std::vector<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and everything queued has been committed
      const size_t n = std::min(queue_.size(), max_batch_);
      for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      // Another lane can start the next batch while this one commits.
      if (!queue_.empty()) cv_.notify_one();
    }
    RunBatch(conn, batch);
    batch.clear();
  }
}

void GroupCommit::RunBatch(Connection& conn, std::vector<Job>& batch) {
  std::vector<std::optional<Result<void>>> results(batch.size());
  uint64_t succeeded = 0;
  {
    std::lock_guard conn_lock(conn.mutex());
    // One savepoint, reused: ROLLBACK TO keeps it, and after a success it is released and set
    // again in the same round trip. The last writer's savepoint is simply committed.
    std::optional<Error> broken;
    if (auto st = conn.EnsureOpen(); !st) {
      broken = st.error();
    } else if (auto begun = conn.ExecScript(begin_sql_ + "; SAVEPOINT zt_write"); !begun) {
      broken = begun.error();
      (void)conn.ExecScript("ROLLBACK");
    }
    for (size_t i = 0; i < batch.size() && !broken; ++i) {
      const bool last = i + 1 == batch.size();
      ConnTx tx(conn);
      Result<void> r = RunTxFn(batch[i].fn(), tx);
      if (r) {
        results[i] = Ok();
        ++succeeded;
        if (last) break;
        if (auto next = conn.ExecScript("RELEASE SAVEPOINT zt_write; SAVEPOINT zt_write"); !next) {
          // The session broke: the state of the transaction is unknown, so nothing commits.
          broken = next.error();
        }
      } else {
        results[i] = std::move(r);
        if (auto undo = conn.ExecScript("ROLLBACK TO SAVEPOINT zt_write"); !undo) broken = undo.error();
      }
    }
    if (broken) {
      (void)conn.ExecScript("ROLLBACK");
      const Error err = BatchBroken(*broken);
      for (auto& r : results) {
        if (!r || *r) r = err;
      }
      succeeded = 0;
    } else {
      const auto start = std::chrono::steady_clock::now();
      auto committed = conn.ExecScript("COMMIT");
      const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - start);
      stats_.commit_micros.fetch_add(static_cast<uint64_t>(micros.count()), std::memory_order_relaxed);
      if (committed) {
        stats_.commits.fetch_add(1, std::memory_order_relaxed);
      } else {
        (void)conn.ExecScript("ROLLBACK");  // SQLite keeps the transaction open when COMMIT fails
        for (auto& r : results) {
          if (*r) r = committed.error();
        }
        succeeded = 0;
      }
    }
  }
  stats_.writes.fetch_add(succeeded, std::memory_order_relaxed);
  stats_.write_failures.fetch_add(batch.size() - succeeded, std::memory_order_relaxed);
  // Answer outside the connection lock: callbacks may start new work.
  for (size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(std::move(*results[i]));
  }
}

}  // namespace zhitong::storage
