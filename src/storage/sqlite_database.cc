// The SQLite backend: one writer connection (SQLite allows one writer at a time) driven by group
// commit, a pool of WAL readers each reading in its own snapshot. In memory there is a single
// connection shared by readers and the writer, so that readers see what was written.
#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "storage/backends.h"
#include "storage/migrations.h"
#include "storage/pooled_database.h"
#include "storage/sqlite_connection.h"

namespace zhitong::storage {
namespace {

class SqliteDatabase final : public PooledDatabase {
 public:
  using PooledDatabase::PooledDatabase;

  Result<int> Migrate() override {
    Connection& conn = primary_writer();
    std::lock_guard lock(conn.mutex());
    return RunMigrations(conn);
  }
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options) {
  static std::atomic<uint64_t> memory_counter{0};
  const bool in_memory = path.empty();
  std::string target = path;
  if (in_memory) {
    // A named, private in-memory database; only this one connection ever opens it.
    target = "file:zhitong_memory_" + std::to_string(memory_counter.fetch_add(1)) + "?mode=memory";
  } else {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Error::Unavailable("storage.unavailable",
                                "cannot create the folder " + parent.string() + ": " + ec.message(),
                                "无法创建数据库所在的文件夹");
    }
    // A plain file name may contain characters that a "file:" URI would interpret.
    if (target.starts_with("file:")) target = "./" + target;
  }

  ZT_ASSIGN_OR_RETURN(std::shared_ptr<Connection> writer,
                      SqliteConnection::Open(target, SqliteConnection::Role::kWriter, options.busy_timeout));
  {
    std::lock_guard lock(writer->mutex());
    if (options.migrate) {
      ZT_TRY(RunMigrations(*writer));
    } else {
      ZT_TRY(CheckSchemaKnown(*writer));
    }
  }

  PooledDatabase::Parts parts;
  parts.dialect = Dialect::kSqlite;
  parts.begin_read = "BEGIN DEFERRED";
  parts.begin_write = "BEGIN IMMEDIATE";
  parts.max_batch = options.max_batch;
  if (in_memory) {
    parts.readers.push_back(writer);
  } else {
    const int n = std::max(1, options.read_connections);
    for (int i = 0; i < n; ++i) {
      ZT_ASSIGN_OR_RETURN(std::shared_ptr<Connection> reader,
                          SqliteConnection::Open(target, SqliteConnection::Role::kReader, options.busy_timeout));
      parts.readers.push_back(std::move(reader));
    }
  }
  parts.writers.push_back(std::move(writer));
  return std::unique_ptr<Database>(new SqliteDatabase(std::move(parts)));
}

}  // namespace zhitong::storage
