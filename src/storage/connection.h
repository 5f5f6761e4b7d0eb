// One database session (an SQLite handle or a libpq connection) behind a small interface, so that
// group commit, pooling and migrations are written once for both backends. Internal to storage.
// A Connection is not thread-safe: whoever uses it holds mutex() for the whole transaction.
#pragma once

#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "storage/database.h"
#include "storage/value.h"

namespace zhitong::storage {

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Makes the session usable, reconnecting one that broke. Ok when it can be used.
  virtual Result<void> EnsureOpen() = 0;
  // One statement with `?` placeholders; params bound in order.
  virtual Result<ResultSet> Query(std::string_view sql, const std::vector<Value>& params) = 0;
  // As Query for statements without rows; returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) = 0;
  // One or more statements without parameters (transaction control, migration scripts).
  virtual Result<void> ExecScript(std::string_view sql) = 0;

  std::mutex& mutex() { return mu_; }

 private:
  std::mutex mu_;
};

// The Tx handed to service functions: forwards to a Connection and remembers the first failed
// statement. After a failure every later statement is refused (PostgreSQL aborts the transaction
// there; SQLite is made to behave the same so that both backends pass the same tests).
class ConnTx final : public Tx {
 public:
  explicit ConnTx(Connection& conn) : conn_(conn) {}
  using Tx::Exec;
  using Tx::Query;

  Dialect dialect() const override { return conn_.dialect(); }
  Result<ResultSet> Query(std::string_view sql, const std::vector<Value>& params) override;
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override;

  // The first statement error, if any.
  const std::optional<Error>& failure() const { return failure_; }

 private:
  Connection& conn_;
  std::optional<Error> failure_;
};

// Runs fn on tx: an exception becomes Error::Internal("storage.exception"), and a function that
// returns Ok after one of its statements failed gets that statement's error instead.
Result<void> RunTxFn(const TxFn& fn, ConnTx& tx);

}  // namespace zhitong::storage
