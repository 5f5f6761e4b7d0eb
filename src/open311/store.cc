#include "open311/store.h"

namespace zhitong::open311 {
namespace {

using storage::Sql;
using storage::Value;

const Sql kInsert(
    "INSERT INTO open311_requests (request_id, lat, lon, address_id, media_url, email, first_name, last_name,"
    " phone, device_id, account_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const Sql kGroups(
    "SELECT c.code, d.name FROM categories c JOIN departments d ON d.id = c.department_id");
const Sql kChangedAt("SELECT COALESCE(MAX(updated_at), 0) AS at FROM categories");

std::optional<double> OptF64(const storage::ResultSet::Row& row, std::string_view col) {
  if (row.is_null(col)) return std::nullopt;
  return row.f64(col);
}

}  // namespace

Result<void> SaveExtras(storage::Tx& tx, int64_t request_id, const Extras& x) {
  ZT_TRY(tx.Exec(kInsert, request_id, x.lat, x.lon, x.address_id, x.media_url, x.email, x.first_name, x.last_name,
                 x.phone, x.device_id, x.account_id));
  return Ok();
}

Result<std::map<int64_t, Extras>> LoadExtras(storage::Database& db, const std::vector<int64_t>& ids) {
  std::map<int64_t, Extras> out;
  if (ids.empty()) return out;
  std::string sql =
      "SELECT request_id, lat, lon, address_id, media_url, account_id FROM open311_requests WHERE request_id IN (";
  std::vector<Value> params;
  for (size_t i = 0; i < ids.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(ids[i]);
  }
  sql += ")";
  auto rows = db.ReadValue([&](storage::Tx& tx) { return tx.Query(sql, params); });
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    Extras x;
    x.lat = OptF64(row, "lat");
    x.lon = OptF64(row, "lon");
    x.address_id = row.opt_text("address_id");
    x.media_url = row.opt_text("media_url");
    x.account_id = row.opt_text("account_id");
    out[row.i64("request_id")] = std::move(x);
  }
  return out;
}

Result<std::map<std::string, std::string>> ServiceGroups(storage::Database& db) {
  auto rows = db.ReadValue([](storage::Tx& tx) { return tx.Query(kGroups); });
  if (!rows) return rows.error();
  std::map<std::string, std::string> out;
  for (const auto& row : *rows) out[row.text("code")] = row.text("name");
  return out;
}

Result<Instant> CatalogueChangedAt(storage::Database& db) {
  auto rows = db.ReadValue([](storage::Tx& tx) { return tx.Query(kChangedAt); });
  if (!rows) return rows.error();
  return FromUnixMillis(rows->empty() ? 0 : (*rows)[0].i64("at"));
}

}  // namespace zhitong::open311
