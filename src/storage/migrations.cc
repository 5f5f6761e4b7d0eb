#include "storage/migrations.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <utility>

#include "core/embedded.h"

namespace zhitong::embedded {
extern const EmbeddedFile sqlite_migrations[];
extern const size_t sqlite_migrations_count;
extern const EmbeddedFile postgres_migrations[];
extern const size_t postgres_migrations_count;
}  // namespace zhitong::embedded

namespace zhitong::storage {
namespace {

// Any constant shared by every Zhitong server: "zhitong" in ASCII.
constexpr int64_t kMigrationLockKey = 0x7a686974'6f6e67;

const Sql kCreateTable(
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
const Sql kTableExists(
    "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    "SELECT COUNT(*) AS n FROM pg_catalog.pg_tables"
    " WHERE schemaname = current_schema() AND tablename = 'schema_migrations'");
const Sql kApplied("SELECT version FROM schema_migrations ORDER BY version");
const Sql kRecord("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::set<int>> AppliedSet(Connection& conn) {
  ConnTx tx(conn);
  ZT_ASSIGN_OR_RETURN(auto exists, tx.Query(kTableExists));
  std::set<int> out;
  if (exists.empty() || exists[0].i64("n") == 0) return out;
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kApplied));
  for (const auto& row : rows) out.insert(static_cast<int>(row.i64("version")));
  return out;
}

Result<void> CheckKnown(const std::set<int>& applied, const std::vector<Migration>& known) {
  for (int v : applied) {
    const bool found =
        std::any_of(known.begin(), known.end(), [v](const Migration& m) { return m.version == v; });
    if (!found) {
      return Error::Internal("storage.schema_too_new",
                             "the database has migration " + std::to_string(v) +
                                 ", which this program does not know: it was written by a newer "
                                 "Zhitong; upgrade this program instead of running it on that database",
                             "数据库已由更新版本的程序升级（迁移 " + std::to_string(v) +
                                 "），本程序无法使用，请升级程序");
    }
  }
  return Ok();
}

Result<int> ApplyPending(Connection& conn, const std::vector<Migration>& migrations) {
  ZT_TRY(conn.ExecScript(kCreateTable.For(conn.dialect())));
  ZT_ASSIGN_OR_RETURN(auto applied, AppliedSet(conn));
  ZT_TRY(CheckKnown(applied, migrations));
  const char* begin = conn.dialect() == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
  for (const auto& m : migrations) {
    if (applied.count(m.version)) continue;
    auto step = [&]() -> Result<void> {
      ZT_TRY(conn.ExecScript(begin));
      ZT_TRY(conn.ExecScript(m.sql));
      ConnTx tx(conn);
      ZT_TRY(tx.Exec(kRecord, m.version, m.name, NowMillis()));
      return conn.ExecScript("COMMIT");
    };
    if (auto st = step(); !st) {
      (void)conn.ExecScript("ROLLBACK");
      Error e = st.error();
      e.message = "migration " + std::to_string(m.version) + "_" + m.name + " failed: " + e.message;
      e.message_zh = "数据库迁移 " + std::to_string(m.version) + "_" + m.name + " 失败：" + e.message_zh;
      return e;
    }
    applied.insert(m.version);
  }
  return applied.empty() ? 0 : *applied.rbegin();
}

}  // namespace

Result<std::vector<Migration>> EmbeddedMigrations(Dialect dialect) {
  const embedded::EmbeddedFile* files =
      dialect == Dialect::kSqlite ? embedded::sqlite_migrations : embedded::postgres_migrations;
  const size_t count =
      dialect == Dialect::kSqlite ? embedded::sqlite_migrations_count : embedded::postgres_migrations_count;
  std::vector<Migration> out;
  for (size_t i = 0; i < count; ++i) {
    const std::string_view path = files[i].path;
    const bool well_formed = path.size() > 9 && path.substr(4, 1) == "_" &&
                             path.ends_with(".sql") &&
                             std::all_of(path.begin(), path.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (!well_formed) {
      return Error::Internal("storage.migration_name",
                             "migration file '" + std::string(path) + "' is not named NNNN_name.sql",
                             "迁移文件命名不符合 NNNN_name.sql");
    }
    Migration m;
    m.version = std::atoi(std::string(path.substr(0, 4)).c_str());
    m.name = std::string(path.substr(5, path.size() - 9));
    m.sql = files[i].content;
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      return Error::Internal("storage.migration_name",
                             "two migrations share number " + std::to_string(out[i].version),
                             "两个迁移文件编号重复");
    }
  }
  return out;
}

Result<int> AppliedVersion(Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto exists, tx.Query(kTableExists));
  if (exists.empty() || exists[0].i64("n") == 0) return 0;
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")));
  return static_cast<int>(rows[0].i64("v"));
}

Result<int> RunMigrations(Connection& conn) {
  ZT_ASSIGN_OR_RETURN(auto migrations, EmbeddedMigrations(conn.dialect()));
  ZT_TRY(conn.EnsureOpen());
  if (conn.dialect() == Dialect::kSqlite) return ApplyPending(conn, migrations);
  // Session-level lock: held across the per-migration transactions, released even on error.
  ConnTx lock_tx(conn);
  ZT_TRY(lock_tx.Query(Sql("SELECT pg_advisory_lock(?::bigint) AS locked"), kMigrationLockKey));
  auto result = ApplyPending(conn, migrations);
  ConnTx unlock_tx(conn);
  auto unlocked = unlock_tx.Query(Sql("SELECT pg_advisory_unlock(?::bigint) AS unlocked"), kMigrationLockKey);
  if (result && !unlocked) return unlocked.error();
  return result;
}

Result<void> CheckSchemaKnown(Connection& conn) {
  ZT_ASSIGN_OR_RETURN(auto migrations, EmbeddedMigrations(conn.dialect()));
  ZT_TRY(conn.EnsureOpen());
  ZT_ASSIGN_OR_RETURN(auto applied, AppliedSet(conn));
  return CheckKnown(applied, migrations);
}

}  // namespace zhitong::storage
