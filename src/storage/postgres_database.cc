// The PostgreSQL backend: a pool of reader sessions (REPEATABLE READ READ ONLY, so each Read is
// one snapshot) and Options::write_lanes writer sessions, each a group-commit lane. Migrations
// run on a session of their own, under an advisory lock.
#include <algorithm>
#include <string>
#include <utility>

#include "storage/backends.h"
#include "storage/migrations.h"
#include "storage/pooled_database.h"
#include "storage/postgres_connection.h"

namespace zhitong::storage {
namespace {

class PostgresDatabase final : public PooledDatabase {
 public:
  PostgresDatabase(Parts parts, std::string url) : PooledDatabase(std::move(parts)), url_(std::move(url)) {}

  Result<int> Migrate() override { return MigrateUrl(url_); }

  static Result<int> MigrateUrl(const std::string& url) {
    ZT_ASSIGN_OR_RETURN(auto conn, PostgresConnection::Open(url));
    std::lock_guard lock(conn->mutex());
    return RunMigrations(*conn);
  }

 private:
  const std::string url_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options) {
  if (options.migrate) {
    ZT_TRY(PostgresDatabase::MigrateUrl(url));
  } else {
    ZT_ASSIGN_OR_RETURN(auto conn, PostgresConnection::Open(url));
    std::lock_guard lock(conn->mutex());
    ZT_TRY(CheckSchemaKnown(*conn));
  }
  PooledDatabase::Parts parts;
  parts.dialect = Dialect::kPostgres;
  parts.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  parts.begin_write = "BEGIN";
  parts.max_batch = options.max_batch;
  for (int i = 0; i < std::max(1, options.read_connections); ++i) {
    ZT_ASSIGN_OR_RETURN(std::shared_ptr<Connection> conn, PostgresConnection::Open(url));
    parts.readers.push_back(std::move(conn));
  }
  for (int i = 0; i < std::max(1, options.write_lanes); ++i) {
    ZT_ASSIGN_OR_RETURN(std::shared_ptr<Connection> conn, PostgresConnection::Open(url));
    parts.writers.push_back(std::move(conn));
  }
  return std::unique_ptr<Database>(new PostgresDatabase(std::move(parts), url));
}

}  // namespace zhitong::storage
