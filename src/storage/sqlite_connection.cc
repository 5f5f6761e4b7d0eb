#include "storage/sqlite_connection.h"

#include <memory>
#include <string>
#include <utility>

namespace zhitong::storage {
namespace {

// Resets a statement when it goes out of scope, so a cached statement never stays active.
struct ResetOnExit {
  sqlite3_stmt* stmt;
  ~ResetOnExit() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

bool OnlyWhitespaceOrSemicolons(const char* s) {
  for (; s && *s; ++s) {
    if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' && *s != ';') return false;
  }
  return true;
}

}  // namespace

Error SqliteError(int code, const std::string& detail) {
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error::Conflict("storage.duplicate", "a record with the same key already exists (" + detail + ")",
                             "记录已存在（唯一键重复）");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error::Invalid("storage.reference", "the record refers to one that does not exist, or is still "
                            "referred to (" + detail + ")", "引用的记录不存在或仍被引用");
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_TRIGGER:  // RAISE(ABORT, …) in a trigger: a rule, as PostgreSQL's check_violation
      return Error::Invalid("storage.constraint", "the record breaks a rule of the database (" + detail + ")",
                            "数据不符合数据库约束");
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Error::Unavailable("storage.unavailable", "the database is busy or unreachable (" + detail + "); retry",
                                "数据库繁忙或不可用，请稍后重试");
    default:
      return Error::Internal("storage.error", "database error: " + detail, "数据库错误");
  }
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Role role,
                                                                 std::chrono::milliseconds busy_timeout) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  if (role == Role::kWriter) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));  // closes db even on failure
  if (rc != SQLITE_OK) {
    return SqliteError(db ? sqlite3_extended_errcode(db) : rc,
                       "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, static_cast<int>(busy_timeout.count()));
  std::string pragmas = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
  if (role == Role::kWriter) {
    pragmas = "PRAGMA journal_mode = WAL; " + pragmas;
  } else {
    pragmas += " PRAGMA query_only = ON;";
  }
  ZT_TRY(conn->ExecScript(pragmas));
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, const std::vector<Value>& params) {
  sqlite3_stmt* stmt = nullptr;
  if (auto it = statements_.find(sql); it != statements_.end()) {
    stmt = it->second;
  } else {
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, &tail);
    if (rc != SQLITE_OK) return SqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
    if (stmt == nullptr || (tail && tail < sql.data() + sql.size() &&
                            !OnlyWhitespaceOrSemicolons(std::string(tail, sql.data() + sql.size()).c_str()))) {
      sqlite3_finalize(stmt);
      return Error::Internal("storage.statement", "expected exactly one SQL statement: " + std::string(sql),
                             "每次只能执行一条 SQL 语句");
    }
    statements_.emplace(std::string(sql), stmt);
  }
  if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size())) {
    return Error::Internal("storage.params",
                           "statement has " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                               " placeholders but " + std::to_string(params.size()) + " values: " + std::string(sql),
                           "SQL 参数个数不匹配");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    const int at = static_cast<int>(i + 1);
    int rc = SQLITE_OK;
    const Value& v = params[i];
    if (std::holds_alternative<std::nullptr_t>(v)) {
      rc = sqlite3_bind_null(stmt, at);
    } else if (auto* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, at, *n);
    } else if (auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, at, *d);
    } else {
      const auto& s = std::get<std::string>(v);
      // SQLITE_STATIC: params outlive the statement's use; bindings are cleared on reset.
      rc = sqlite3_bind_text64(stmt, at, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) {
      sqlite3_clear_bindings(stmt);
      return SqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
    }
  }
  return stmt;
}

Result<ResultSet> SqliteConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  ResetOnExit reset{stmt};
  const int ncols = sqlite3_column_count(stmt);
  std::vector<std::string> columns;
  columns.reserve(ncols);
  for (int c = 0; c < ncols; ++c) columns.emplace_back(sqlite3_column_name(stmt, c));
  ResultSet rows(std::move(columns));
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return SqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
    std::vector<Value> row;
    row.reserve(ncols);
    for (int c = 0; c < ncols; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          row.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          row.emplace_back(nullptr);
          break;
        default: {  // TEXT and BLOB
          const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          row.emplace_back(std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
    rows.AddRow(std::move(row));
  }
  return rows;
}

Result<int64_t> SqliteConnection::Exec(std::string_view sql, const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  ResetOnExit reset{stmt};
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return SqliteError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
  }
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Result<void> SqliteConnection::ExecScript(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Ok();
  std::string detail = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return SqliteError(sqlite3_extended_errcode(db_), detail);
}

}  // namespace zhitong::storage
