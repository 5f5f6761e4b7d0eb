#include "storage/postgres_connection.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "storage/placeholders.h"

namespace zhitong::storage {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

void IgnoreNotice(void*, const char*) {}

std::string DoubleText(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest text that reads back exactly
  return std::string(buf, end);
}

Value Convert(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* text = PQgetvalue(res, row, col);
  switch (PQftype(res, col)) {
    case kBool:
      return int64_t{text[0] == 't' ? 1 : 0};
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid:
      return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4:
    case kFloat8:
    case kNumeric:
      return std::strtod(text, nullptr);
    default:
      return std::string(text, static_cast<size_t>(PQgetlength(res, row, col)));
  }
}

}  // namespace

Error PostgresError(const std::string& state, const std::string& detail) {
  if (state == "23505") {
    return Error::Conflict("storage.duplicate", "a record with the same key already exists (" + detail + ")",
                           "记录已存在（唯一键重复）");
  }
  if (state == "23503") {
    return Error::Invalid("storage.reference",
                          "the record refers to one that does not exist, or is still referred to (" + detail + ")",
                          "引用的记录不存在或仍被引用");
  }
  if (state == "23514" || state == "23502") {
    return Error::Invalid("storage.constraint", "the record breaks a rule of the database (" + detail + ")",
                          "数据不符合数据库约束");
  }
  if (state == "40001" || state == "40P01") {
    return Error::Conflict("storage.retry", "a concurrent transaction interfered (" + detail + "); retry",
                           "并发事务冲突，请重试");
  }
  // 08: connection exception; 53: insufficient resources; 57P: operator intervention;
  // 55P03: lock not available.
  if (state.empty() || state.starts_with("08") || state.starts_with("53") || state.starts_with("57P") ||
      state == "55P03") {
    return Error::Unavailable("storage.unavailable", "the database is busy or unreachable (" + detail + "); retry",
                              "数据库繁忙或不可用，请稍后重试");
  }
  return Error::Internal("storage.error", "database error " + state + ": " + detail, "数据库错误");
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& url) {
  std::unique_ptr<PostgresConnection> conn(new PostgresConnection(url));
  ZT_TRY(conn->Connect());
  return conn;
}

PostgresConnection::~PostgresConnection() {
  if (conn_) PQfinish(conn_);
}

Result<void> PostgresConnection::Connect() {
  if (conn_) PQfinish(conn_);
  prepared_.clear();
  conn_ = PQconnectdb(url_.c_str());
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string detail = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    return PostgresError("08000", "cannot connect: " + detail);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  if (PQsetClientEncoding(conn_, "UTF8") != 0) return PostgresError("08000", "cannot use UTF8");
  return Ok();
}

Result<void> PostgresConnection::EnsureOpen() {
  if (conn_ && PQstatus(conn_) == CONNECTION_OK) return Ok();
  return Connect();
}

Error PostgresConnection::ErrorFrom(const PGresult* res) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  // A lost session has no SQLSTATE from the server; PostgresError maps "" to unavailable.
  if (PQstatus(conn_) != CONNECTION_OK) return PostgresError("08006", detail);
  return PostgresError(state ? state : "XX000", detail);
}

Result<PGresult*> PostgresConnection::Run(std::string_view sql, const std::vector<Value>& params) {
  if (PQstatus(conn_) != CONNECTION_OK) return PostgresError("08006", "connection lost");
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const RewrittenSql rewritten = RewritePlaceholders(sql);
    if (rewritten.placeholders != static_cast<int>(params.size())) {
      return Error::Internal("storage.params",
                             "statement has " + std::to_string(rewritten.placeholders) + " placeholders but " +
                                 std::to_string(params.size()) + " values: " + std::string(sql),
                             "SQL 参数个数不匹配");
    }
    std::string name = "zt" + std::to_string(next_statement_++);
    ResultPtr prep(PQprepare(conn_, name.c_str(), rewritten.text.c_str(), 0, nullptr));
    if (!prep || PQresultStatus(prep.get()) != PGRES_COMMAND_OK) return ErrorFrom(prep.get());
    it = prepared_.emplace(std::string(sql), std::move(name)).first;
  }
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    if (std::holds_alternative<std::nullptr_t>(v)) continue;
    if (auto* n = std::get_if<int64_t>(&v)) {
      texts[i] = std::to_string(*n);
    } else if (auto* d = std::get_if<double>(&v)) {
      texts[i] = DoubleText(*d);
    } else {
      texts[i] = std::get<std::string>(v);
    }
    values[i] = texts[i].c_str();
  }
  PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(),
                                 nullptr, nullptr, 0);
  const ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error e = ErrorFrom(res);
    PQclear(res);
    return e;
  }
  return res;
}

Result<ResultSet> PostgresConnection::Query(std::string_view sql, const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(PGresult * raw, Run(sql, params));
  ResultPtr res(raw);
  const int ncols = PQnfields(raw);
  const int nrows = PQntuples(raw);
  std::vector<std::string> columns;
  columns.reserve(ncols);
  for (int c = 0; c < ncols; ++c) columns.emplace_back(PQfname(raw, c));
  ResultSet rows(std::move(columns));
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value> row;
    row.reserve(ncols);
    for (int c = 0; c < ncols; ++c) row.push_back(Convert(raw, r, c));
    rows.AddRow(std::move(row));
  }
  return rows;
}

Result<int64_t> PostgresConnection::Exec(std::string_view sql, const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(PGresult * raw, Run(sql, params));
  ResultPtr res(raw);
  const char* changed = PQcmdTuples(raw);
  return static_cast<int64_t>(changed && *changed ? std::strtoll(changed, nullptr, 10) : 0);
}

Result<void> PostgresConnection::ExecScript(std::string_view sql) {
  if (PQstatus(conn_) != CONNECTION_OK) return PostgresError("08006", "connection lost");
  ResultPtr res(PQexec(conn_, std::string(sql).c_str()));
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return ErrorFrom(res.get());
  }
  return Ok();
}

}  // namespace zhitong::storage
