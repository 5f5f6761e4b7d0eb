// The storage interface that application services use, the same over SQLite and PostgreSQL.
// Services express their work as a function of a Tx; Database runs it in a read snapshot or,
// for writes, inside a group commit: concurrent writers share one transaction (each in its own
// savepoint), and every caller is answered only after that transaction is durable.
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/value.h"

namespace zhitong::storage {

enum class Dialect { kSqlite, kPostgres };

const char* DialectName(Dialect d);

// One statement text per dialect; `?` placeholders in both. Most statements are the same in both
// dialects and use the one-argument constructor; where they differ the difference stays here,
// next to the query, not as branches in service code.
struct Sql {
  constexpr Sql(const char* both) : sqlite(both), postgres(both) {}  // NOLINT: implicit
  constexpr Sql(const char* sqlite_text, const char* postgres_text)
      : sqlite(sqlite_text), postgres(postgres_text) {}
  std::string_view For(Dialect d) const { return d == Dialect::kSqlite ? sqlite : postgres; }
  const char* sqlite;
  const char* postgres;
};

// A transaction in progress. Valid only inside the function that received it.
// After a statement fails, every later statement of the same function fails with
// storage.aborted (PostgreSQL aborts the transaction there; SQLite is made to match), and the
// function's result becomes the first failure even if it returns Ok: return the error, or avoid
// the failure in SQL (ON CONFLICT …).
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement that returns rows.
  virtual Result<ResultSet> Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs a statement; returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) = 0;

  template <class... A>
  Result<ResultSet> Query(const Sql& sql, A&&... args) {
    return Query(sql.For(dialect()), std::vector<Value>{ToValue(std::forward<A>(args))...});
  }
  template <class... A>
  Result<int64_t> Exec(const Sql& sql, A&&... args) {
    return Exec(sql.For(dialect()), std::vector<Value>{ToValue(std::forward<A>(args))...});
  }
  // Runs an INSERT … RETURNING id (both dialects support RETURNING) and returns the id.
  template <class... A>
  Result<int64_t> InsertReturningId(const Sql& sql, A&&... args) {
    auto rows = Query(sql, std::forward<A>(args)...);
    if (!rows) return rows.error();
    if (rows->empty()) return Error::Internal("storage.no_id", "insert returned no id");
    return (*rows)[0].i64(rows->columns().at(0));
  }
};

using TxFn = std::function<Result<void>(Tx&)>;

struct Options {
  int read_connections = 4;          // pooled readers (SQLite: WAL readers; PostgreSQL: sessions)
  int write_lanes = 1;               // group-commit writer threads (SQLite: always 1)
  int max_batch = 512;               // most writers that share one commit
  std::chrono::milliseconds busy_timeout{5000};
  bool migrate = true;               // apply pending migrations on open
};

// Counters for /metrics and benchmarks; monotonic since open.
struct Stats {
  uint64_t commits = 0;           // group transactions committed
  uint64_t writes = 0;            // writer functions that committed
  uint64_t write_failures = 0;    // writer functions that returned an error (rolled back alone)
  uint64_t reads = 0;
  uint64_t commit_micros = 0;     // total time spent in COMMIT (the fsync)
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens "sqlite:path/to/file.db", "sqlite::memory:" or "postgresql://…" (libpq URI), applies
  // pending migrations unless options say otherwise.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options = {});

  virtual Dialect dialect() const = 0;

  // Runs fn in a read-only snapshot. fn must not write.
  virtual Result<void> Read(const TxFn& fn) = 0;

  // Runs fn inside a group-committed transaction. When fn returns an error, only its own
  // changes are rolled back and that error is returned; when it succeeds, Write returns after
  // the commit that holds its changes is durable. fn may run on another thread. An exception
  // thrown by fn is caught and returned as Error::Internal (storage.exception).
  // REQUIRES: fn does not call Read or Write on this Database (it would wait for itself).
  virtual Result<void> Write(const TxFn& fn) = 0;

  // As Write, but returns at once; done is called (on a writer thread) after the commit.
  virtual void WriteAsync(TxFn fn, std::function<void(Result<void>)> done) = 0;

  // Reachability check for /readyz.
  virtual Result<void> Ping() = 0;

  // Applies pending migrations; returns the schema version reached.
  virtual Result<int> Migrate() = 0;
  virtual Result<int> SchemaVersion() = 0;

  // Waits for queued writes to commit and stops the writers; later writes fail as unavailable
  // (storage.closed). Reads keep working until the Database is destroyed. Idempotent.
  virtual void Close() = 0;

  virtual Stats stats() const = 0;

  // Typed helpers over Read/Write for functions that produce a value.
  template <class F>
  auto ReadValue(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    using R = decltype(fn(std::declval<Tx&>()));
    std::optional<R> out;
    auto st = Read([&](Tx& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!*out) return out->error();
      return Ok();
    });
    if (!st) return st.error();
    return std::move(*out);
  }
  template <class F>
  auto WriteValue(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    using R = decltype(fn(std::declval<Tx&>()));
    std::optional<R> out;
    auto st = Write([&](Tx& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!*out) return out->error();
      return Ok();
    });
    if (!st) return st.error();
    return std::move(*out);
  }
};

}  // namespace zhitong::storage
