// An SQLite session: one sqlite3 handle with its prepared-statement cache (SQL text → statement),
// and the mapping of SQLite result codes to Zhitong errors. Not thread-safe (see Connection).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <string>

#include "storage/connection.h"

namespace zhitong::storage {

class SqliteConnection final : public Connection {
 public:
  enum class Role { kWriter, kReader };

  // Opens path (a file name or a "file:" URI), creating the file when role is kWriter.
  // Writers switch the file to WAL; every session gets synchronous=FULL, foreign keys and the
  // busy timeout; readers are query_only.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Role role,
                                                        std::chrono::milliseconds busy_timeout);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<void> EnsureOpen() override { return Ok(); }
  Result<ResultSet> Query(std::string_view sql, const std::vector<Value>& params) override;
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override;
  Result<void> ExecScript(std::string_view sql) override;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  // The cached statement for sql with params bound. REQUIRES: reset after use.
  Result<sqlite3_stmt*> Prepare(std::string_view sql, const std::vector<Value>& params);

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// The Zhitong error for an SQLite extended result code; detail is SQLite's message.
Error SqliteError(int extended_code, const std::string& detail);

}  // namespace zhitong::storage
