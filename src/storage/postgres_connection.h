// A PostgreSQL session over libpq: `?` placeholders rewritten to `$n` and prepared once per
// session (cached by SQL text under generated names), parameters sent as text, results converted
// by column type, SQLSTATEs mapped to Zhitong errors. A broken session is reopened on next use.
// Not thread-safe (see Connection).
#pragma once

#include <libpq-fe.h>

#include <map>
#include <string>

#include "storage/connection.h"

namespace zhitong::storage {

class PostgresConnection final : public Connection {
 public:
  // Connects at once; fails as storage.unavailable when the server cannot be reached.
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  ~PostgresConnection() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<void> EnsureOpen() override;
  Result<ResultSet> Query(std::string_view sql, const std::vector<Value>& params) override;
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params) override;
  Result<void> ExecScript(std::string_view sql) override;

 private:
  explicit PostgresConnection(std::string url) : url_(std::move(url)) {}
  Result<void> Connect();
  // Runs the prepared form of sql; the result is PGRES_COMMAND_OK or PGRES_TUPLES_OK.
  Result<PGresult*> Run(std::string_view sql, const std::vector<Value>& params);
  // The error for a failed result (or for a failed call when res is null).
  Error ErrorFrom(const PGresult* res);

  const std::string url_;
  PGconn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL text → statement name
  int next_statement_ = 0;
};

// The Zhitong error for a SQLSTATE; detail is the server's message.
Error PostgresError(const std::string& sqlstate, const std::string& detail);

}  // namespace zhitong::storage
