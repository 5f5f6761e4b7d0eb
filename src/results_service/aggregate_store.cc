#include "results_service/aggregate_store.h"

#include <map>
#include <tuple>

namespace zhitong::results_service {
namespace {

using results::Counter;
using results::Counts;
using storage::Tx;
using storage::Value;

// The statements over every counter column, built once from the counter names (constants, never
// input): "received, sign_due, …".
struct Statements {
  std::string upsert;
  std::string sum_by_unit;
  std::string sum_by_month_all;
  std::string sum_by_month_one;
  std::string load_all;
};

const Statements& Sql() {
  static const Statements s = [] {
    std::string cols, placeholders, updates, sums;
    for (Counter c : results::AllCounters()) {
      const std::string n(results::Name(c));
      if (!cols.empty()) {
        cols += ", ";
        updates += ", ";
        sums += ", ";
      }
      cols += n;
      placeholders += ", ?";
      updates += n + " = results_daily." + n + " + excluded." + n;
      sums += "CAST(SUM(" + n + ") AS BIGINT) AS " + n;
    }
    Statements out;
    out.upsert = "INSERT INTO results_daily (unit_kind, unit_id, day, " + cols + ") VALUES (?, ?, ?" + placeholders +
                 ") ON CONFLICT (unit_kind, day, unit_id) DO UPDATE SET " + updates;
    out.sum_by_unit = "SELECT unit_id, " + sums +
                      " FROM results_daily WHERE unit_kind = ? AND day >= ? AND day <= ? GROUP BY unit_id";
    out.sum_by_month_all = "SELECT unit_id, day / 100 AS month, " + sums +
                           " FROM results_daily WHERE unit_kind = ? AND day >= ? AND day <= ? GROUP BY unit_id, day / 100";
    out.sum_by_month_one = "SELECT unit_id, day / 100 AS month, " + sums +
                           " FROM results_daily WHERE unit_kind = ? AND day >= ? AND day <= ? AND unit_id = ?"
                           " GROUP BY unit_id, day / 100";
    out.load_all = "SELECT unit_kind, unit_id, day, " + cols + " FROM results_daily";
    return out;
  }();
  return s;
}

Counts ReadCounts(const storage::ResultSet::Row& row) {
  Counts c;
  for (Counter k : results::AllCounters()) c[k] = row.i64(results::Name(k));
  return c;
}

Result<void> Upsert(Tx& tx, const results::BucketKey& key, const Counts& counts) {
  std::vector<Value> params;
  params.reserve(3 + results::kCounterCount);
  params.emplace_back(std::string(results::Name(key.kind)));
  params.emplace_back(key.unit);
  params.emplace_back(int64_t{key.day});
  for (int64_t v : counts.v) params.emplace_back(v);
  auto r = tx.Exec(Sql().upsert, params);
  if (!r) return r.error();
  return Ok();
}

// The requests column that names a unit of `kind`.
const char* UnitColumn(results::UnitKind kind) {
  switch (kind) {
    case results::UnitKind::kCity: return "''";
    case results::UnitKind::kRegion: return "CAST(region_id AS TEXT)";
    case results::UnitKind::kOfficial: return "CAST(liaison_official_id AS TEXT)";
    case results::UnitKind::kCategory: return "category_code";
    case results::UnitKind::kDepartment: return "CAST(handling_department_id AS TEXT)";
  }
  return "''";
}

}  // namespace

Result<void> AddDeltas(Tx& tx, std::span<const results::Delta> deltas) {
  results::Ledger ledger;
  ledger.Add(deltas);
  ledger.DropZeros();
  return AddBuckets(tx, ledger);
}

Result<void> AddBuckets(Tx& tx, const results::Ledger& ledger) {
  for (const auto& [key, counts] : ledger.buckets()) ZT_TRY(Upsert(tx, key, counts));
  return Ok();
}

Result<std::map<std::string, Counts>> SumByUnit(Tx& tx, results::UnitKind kind, const results::Period& period) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql().sum_by_unit, {std::string(results::Name(kind)), int64_t{period.from},
                                                              int64_t{period.to}}));
  std::map<std::string, Counts> out;
  for (size_t i = 0; i < rows.size(); ++i) out[rows[i].text("unit_id")] = ReadCounts(rows[i]);
  return out;
}

Result<std::map<std::pair<std::string, int>, Counts>> SumByUnitAndMonth(Tx& tx, results::UnitKind kind,
                                                                       const std::optional<std::string>& unit,
                                                                       const results::Period& period) {
  std::vector<Value> params{std::string(results::Name(kind)), int64_t{period.from}, int64_t{period.to}};
  if (unit) params.emplace_back(*unit);
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(unit ? Sql().sum_by_month_one : Sql().sum_by_month_all, params));
  std::map<std::pair<std::string, int>, Counts> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out[{rows[i].text("unit_id"), static_cast<int>(rows[i].i64("month"))}] = ReadCounts(rows[i]);
  }
  return out;
}

Result<results::Ledger> LoadLedger(Tx& tx) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(Sql().load_all, {}));
  results::Ledger ledger;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto kind = results::ParseUnitKind(rows[i].text("unit_kind"));
    if (!kind) return Error::Internal("results.bad_row", "results_daily holds an unknown unit kind");
    ledger.buckets()[results::BucketKey{*kind, rows[i].text("unit_id"), static_cast<results::DayKey>(rows[i].i64("day"))}] =
        ReadCounts(rows[i]);
  }
  return ledger;
}

Result<std::map<std::string, OpenOverdue>> OpenOverdueByUnit(Tx& tx, results::UnitKind kind,
                                                             const results::Period& period, Instant now) {
  const int64_t from = ToUnixMillis(results::StartOf(period.from));
  const int64_t to = std::min(ToUnixMillis(results::EndOf(period)), ToUnixMillis(now));
  std::map<std::string, OpenOverdue> out;
  if (to <= from) return out;
  // Served by requests_status_due (status, current_due_at and the unit columns, migration 0051)
  // from the index alone: only open requests are read, and no table row.
  const std::string sql = std::string("SELECT ") + UnitColumn(kind) +
                          " AS unit, status, COUNT(*) AS n FROM requests WHERE status IN ('routed', 'signed', "
                          "'in_progress') AND current_due_at >= ? AND current_due_at < ? GROUP BY " +
                          (kind == results::UnitKind::kCity ? std::string("status")
                                                            : std::string(UnitColumn(kind)) + ", status");
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, {from, to}));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].is_null("unit")) continue;
    OpenOverdue& o = out[rows[i].text("unit")];
    if (rows[i].text("status") == "routed") {
      o.signs += rows[i].i64("n");
    } else {
      o.replies += rows[i].i64("n");
    }
  }
  return out;
}

}  // namespace zhitong::results_service
