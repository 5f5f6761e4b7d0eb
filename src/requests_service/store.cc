#include "requests_service/store.h"

#include <charconv>

#include "requests_service/snapshot.h"

namespace zhitong::requests_service {
namespace {

using storage::Sql;
using storage::Tx;
using storage::Value;

constexpr const char* kSelectStored =
    "SELECT r.id, r.state_json, r.region_id, r.liaison_official_id,"
    " COALESCE(e.name, '') AS enterprise_name, COALESCE(c.name, '') AS category_name,"
    " COALESCE(c.name_en, '') AS category_name_en,"
    // The policy the request was filed under; rows older than that column follow the category.
    " COALESCE(r.policy_reply_days, c.reply_days) AS reply_days,"
    " COALESCE(r.policy_urgent_hours, c.urgent_hours) AS urgent_hours,"
    " COALESCE(d.name, '') AS department_name, r.updated_at"
    " FROM requests r"
    " LEFT JOIN enterprises e ON e.id = r.enterprise_id"
    " LEFT JOIN categories c ON c.code = r.category_code"
    " LEFT JOIN departments d ON d.id = r.handling_department_id ";

const Sql kCategories(
    "SELECT code, name, name_en, department_id, reply_days, urgent_hours, active, sort_order FROM categories"
    " ORDER BY sort_order, code");
const Sql kCategory(
    "SELECT code, name, name_en, department_id, reply_days, urgent_hours, active, sort_order FROM categories"
    " WHERE code = ?");
const Sql kDepartment("SELECT id FROM departments WHERE id = ?");
const Sql kEnterprise("SELECT region_id FROM enterprises WHERE id = ?");
const Sql kInsertRow(
    "INSERT INTO requests (enterprise_id, region_id, liaison_official_id, submitter_user_id, channel, kind, title,"
    " description, status, version, last_hash, submitted_at, updated_at, state_json, policy_reply_days,"
    " policy_urgent_hours)"
    " VALUES (?, ?, ?, ?, 'web', 'problem', '', '', 'submitted', 0, '', ?, ?, '{}', ?, ?) RETURNING id");
const Sql kUpdatePolicy("UPDATE requests SET policy_reply_days = ?, policy_urgent_hours = ? WHERE id = ?");
const Sql kUpdateDeadlines(
    "UPDATE requests SET paused = ?, accept_due_at = ?, sign_due_at = ?, reply_due_at = ?, rectify_due_at = ?,"
    " current_due_at = ? WHERE id = ?");
// The enterprise's liaison: of its active assignments, the longest-standing one.
const Sql kLiaison(
    "SELECT official_id FROM liaison_assignments WHERE enterprise_id = ? AND ended_at IS NULL"
    " ORDER BY started_at, id LIMIT 1");
const Sql kEvents(
    "SELECT seq, action, actor_user_id, actor_role, at, note, payload, prev_hash, hash FROM request_events"
    " WHERE request_id = ? ORDER BY seq");
const Sql kAppendEvent(
    "INSERT INTO request_events (request_id, seq, action, actor_user_id, actor_role, at, note, payload,"
    " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
const Sql kUpdateProjection(
    "UPDATE requests SET channel = ?, kind = ?, category_code = ?, title = ?, description = ?, location = ?,"
    " priority = ?, status = ?, handling_department_id = ?, handler_user_id = ?, merged_into = ?, reply = ?,"
    " rating = ?, rectification = ?, appeal = ?, version = ?, last_hash = ?, accepted_at = ?, routed_at = ?,"
    " signed_at = ?, replied_at = ?, rated_at = ?, rectified_at = ?, closed_at = ?, updated_at = ?,"
    " paused = ?, accept_due_at = ?, sign_due_at = ?, reply_due_at = ?, rectify_due_at = ?,"
    " current_due_at = ?, state_json = ? WHERE id = ? AND version = ?");
const Sql kDeleteCohandlers("DELETE FROM request_cohandlers WHERE request_id = ?");
const Sql kInsertCohandler("INSERT INTO request_cohandlers (request_id, department_id) VALUES (?, ?)");

const Sql kInsertAttachment(
    "INSERT INTO request_attachments (request_id, seq, file_name, media_type, size_bytes, sha256, uploaded_by,"
    " uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
constexpr const char* kSelectAttachments =
    "SELECT a.id, a.request_id, a.seq, a.file_name, a.media_type, a.size_bytes, a.sha256, a.uploaded_by,"
    " COALESCE(u.display_name, '') AS uploader_name, a.uploaded_at"
    " FROM request_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.request_id = ? ";

Result<std::vector<StoredAttachment>> SelectAttachments(Tx& tx, const std::string& and_order,
                                                        std::vector<Value> params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectAttachments) + and_order, params));
  std::vector<StoredAttachment> out;
  for (const auto& row : rows) {
    StoredAttachment a;
    a.id = row.i64("id");
    a.request_id = row.i64("request_id");
    a.seq = row.i64("seq");
    a.file_name = row.text("file_name");
    a.media_type = row.text("media_type");
    a.size = row.i64("size_bytes");
    a.sha256 = row.text("sha256");
    a.uploaded_by = row.i64("uploaded_by");
    a.uploader_name = row.text("uploader_name");
    a.uploaded_at = FromUnixMillis(row.i64("uploaded_at"));
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<int64_t> Ms(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return ToUnixMillis(*t);
}

Category CategoryFrom(const storage::ResultSet::Row& row) {
  return {row.text("code"),
          row.text("name"),
          row.text("name_en"),
          row.opt_i64("department_id"),
          static_cast<int>(row.i64("reply_days")),
          static_cast<int>(row.i64("urgent_hours")),
          row.boolean("active"),
          static_cast<int>(row.i64("sort_order"))};
}

}  // namespace

Error VersionConflict(int64_t expected) {
  return Error::Conflict("request.version_conflict",
                         "the request changed since version " + std::to_string(expected) +
                             "; reload it and try again",
                         "诉求已被他人更新（版本 " + std::to_string(expected) + "），请刷新后重试");
}

std::string IdText(int64_t id) { return std::to_string(id); }

std::optional<int64_t> IdValue(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v <= 0) return std::nullopt;
  return v;
}

Clause ScopeClause(const access::Actor& a) {
  using access::Role;
  auto none = Clause{"1 = 0", {}};
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher:
      return {"1 = 1", {}};
    case Role::kLeader:
      if (a.city_wide()) return {"1 = 1", {}};
      return {"r.region_id IN (SELECT g.id FROM regions g WHERE g.id = ? OR g.parent_id = ?)",
              {*a.region_id, *a.region_id}};
    case Role::kLiaison:
      // The requests they were the liaison of at intake, and every request of the enterprises
      // they serve now (a new liaison takes over the history).
      if (!a.official_id) return none;
      return {"(r.liaison_official_id = ? OR r.enterprise_id IN (SELECT la.enterprise_id FROM liaison_assignments la"
              " WHERE la.official_id = ? AND la.ended_at IS NULL))",
              {*a.official_id, *a.official_id}};
    case Role::kHandler:
      if (!a.department_id) return none;
      return {"(r.handling_department_id = ? OR EXISTS (SELECT 1 FROM request_cohandlers h"
              " WHERE h.request_id = r.id AND h.department_id = ?))",
              {*a.department_id, *a.department_id},
              a.department_id};
    case Role::kEnterprise:
      if (!a.enterprise_id) return {"r.submitter_user_id = ?", {a.user_id}};
      return {"(r.enterprise_id = ? OR r.submitter_user_id = ?)", {*a.enterprise_id, a.user_id}};
    case Role::kPublic:
      return {"r.submitter_user_id = ?", {a.user_id}};
  }
  return none;
}

Clause PublishedClause() { return {"r.channel = 'open311' AND r.enterprise_id IS NULL", {}}; }

Result<std::vector<Category>> LoadCategories(Tx& tx, bool active_only) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kCategories));
  std::vector<Category> out;
  for (const auto& row : rows) {
    Category c = CategoryFrom(row);
    if (!active_only || c.active) out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<Category>> LoadCategory(Tx& tx, const std::string& code) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kCategory, code));
  if (rows.empty()) return std::optional<Category>{};
  return std::optional<Category>{CategoryFrom(rows.front())};
}

Result<bool> DepartmentExists(Tx& tx, int64_t id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kDepartment, id));
  return !rows.empty();
}

Result<std::optional<std::optional<int64_t>>> EnterpriseRegion(Tx& tx, int64_t id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kEnterprise, id));
  if (rows.empty()) return std::optional<std::optional<int64_t>>{};
  return std::optional<std::optional<int64_t>>{rows.front().opt_i64("region_id")};
}

Clause EnterpriseScopeClause(const access::Actor& a) {
  using access::Role;
  switch (a.role) {
    case Role::kAdmin:
    case Role::kDispatcher:
    case Role::kHandler:
      return {"1 = 1", {}};
    case Role::kLeader:
      if (a.city_wide()) return {"1 = 1", {}};
      return {"e.region_id IN (SELECT g.id FROM regions g WHERE g.id = ? OR g.parent_id = ?)",
              {*a.region_id, *a.region_id}};
    case Role::kLiaison:
      if (!a.official_id) break;
      return {"e.id IN (SELECT la.enterprise_id FROM liaison_assignments la WHERE la.official_id = ?"
              " AND la.ended_at IS NULL)",
              {*a.official_id}};
    case Role::kEnterprise:
      if (!a.enterprise_id) break;
      return {"e.id = ?", {*a.enterprise_id}};
    case Role::kPublic:
      break;
  }
  return {"1 = 0", {}};
}

Result<std::optional<std::optional<int64_t>>> VisibleEnterpriseRegion(Tx& tx, int64_t id,
                                                                      const access::Actor& actor) {
  const Clause scope = EnterpriseScopeClause(actor);
  std::vector<Value> params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT e.region_id FROM enterprises e WHERE e.id = ? AND " + scope.sql,
                                          params));
  if (rows.empty()) return std::optional<std::optional<int64_t>>{};
  return std::optional<std::optional<int64_t>>{rows.front().opt_i64("region_id")};
}

Result<std::optional<int64_t>> EnterpriseLiaison(Tx& tx, int64_t enterprise_id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kLiaison, enterprise_id));
  if (rows.empty()) return std::optional<int64_t>{};
  return std::optional<int64_t>{rows.front().i64("official_id")};
}

Result<int64_t> InsertRequestRow(Tx& tx, int64_t submitter_user_id, std::optional<int64_t> enterprise_id,
                                 std::optional<int64_t> region_id, std::optional<int64_t> liaison_official_id,
                                 const DeadlinePolicy& policy, Instant now) {
  return tx.InsertReturningId(kInsertRow, enterprise_id, region_id, liaison_official_id, submitter_user_id,
                              ToUnixMillis(now), ToUnixMillis(now), int64_t{policy.reply_days},
                              int64_t{policy.urgent_hours});
}

Result<void> SavePolicy(Tx& tx, int64_t id, const DeadlinePolicy& policy) {
  ZT_TRY(tx.Exec(kUpdatePolicy, int64_t{policy.reply_days}, int64_t{policy.urgent_hours}, id));
  return Ok();
}

Result<void> SaveDeadlines(Tx& tx, int64_t id, const Deadlines& d) {
  ZT_TRY(tx.Exec(kUpdateDeadlines, int64_t{d.paused}, Ms(d.accept_due), Ms(d.sign_due), Ms(d.reply_due),
                 Ms(d.rectify_due), Ms(d.current_due), id));
  return Ok();
}

Result<std::vector<StoredRequest>> LoadRequests(Tx& tx, const std::string& where_and_order,
                                                const std::vector<Value>& params) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kSelectStored) + where_and_order, params));
  std::vector<StoredRequest> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    StoredRequest s;
    s.id = row.i64("id");
    ZT_ASSIGN_OR_RETURN(s.request, SnapshotFromJson(row.text("state_json")));
    s.region_id = row.opt_i64("region_id");
    s.liaison_official_id = row.opt_i64("liaison_official_id");
    s.enterprise_name = row.text("enterprise_name");
    s.category_name = row.text("category_name");
    s.category_name_en = row.text("category_name_en");
    s.department_name = row.text("department_name");
    if (auto d = row.opt_i64("reply_days")) s.policy.reply_days = static_cast<int>(*d);
    if (auto h = row.opt_i64("urgent_hours")) s.policy.urgent_hours = static_cast<int>(*h);
    s.updated_at = FromUnixMillis(row.i64("updated_at"));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::optional<StoredRequest>> LoadRequest(Tx& tx, int64_t id, const Clause& scope) {
  std::vector<Value> params{id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  ZT_ASSIGN_OR_RETURN(auto rows, LoadRequests(tx, "WHERE r.id = ? AND " + scope.sql, params));
  if (rows.empty()) return std::optional<StoredRequest>{};
  return std::optional<StoredRequest>{std::move(rows.front())};
}

Result<requests::Event> EventFromRow(const storage::ResultSet::Row& row, int64_t id) {
  requests::Event e;
  e.seq = row.i64("seq");
  e.request_id = IdText(id);
  auto action = requests::Parse<requests::Action>(row.text("action"));
  auto role = requests::Parse<requests::Role>(row.text("actor_role"));
  if (!action || !role) {
    return Error::Internal("request.event_malformed", "a stored event of request " + IdText(id) + " does not parse");
  }
  e.type = *action;
  e.actor_role = *role;
  e.actor_id = std::to_string(row.i64("actor_user_id"));
  e.at = FromUnixMillis(row.i64("at"));
  e.note = row.text("note");
  const auto payload = nlohmann::json::parse(row.text("payload"), nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) {
    return Error::Internal("request.event_malformed", "a stored event payload of request " + IdText(id) + " does not parse");
  }
  for (const auto& [k, v] : payload.items()) {
    if (v.is_string()) e.payload[k] = v.get<std::string>();
  }
  e.prev_hash = row.text("prev_hash");
  e.hash = row.text("hash");
  return e;
}

Result<std::vector<requests::Event>> LoadEvents(Tx& tx, int64_t id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kEvents, id));
  std::vector<requests::Event> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    ZT_ASSIGN_OR_RETURN(auto e, EventFromRow(row, id));
    out.push_back(std::move(e));
  }
  return out;
}

Result<void> AppendEvent(Tx& tx, int64_t id, const requests::Event& e) {
  nlohmann::json payload = nlohmann::json::object();
  for (const auto& [k, v] : e.payload) payload[k] = v;
  const int64_t actor = IdValue(e.actor_id).value_or(0);
  auto st = tx.Exec(kAppendEvent, id, e.seq, requests::Name(e.type), actor, requests::Name(e.actor_role),
                    ToUnixMillis(e.at), e.note, payload.dump(), e.prev_hash, e.hash);
  if (!st) {
    if (st.error().kind == ErrorKind::kConflict) return VersionConflict(e.seq - 1);
    return st.error();
  }
  return Ok();
}

Result<void> SaveProjection(Tx& tx, int64_t id, const requests::Request& r, const Deadlines& d,
                            int64_t expected_version, Instant now) {
  std::optional<std::string> rating;
  if (r.rating) rating = std::string(requests::Name(r.rating->level));
  std::optional<std::string> category;
  if (!r.category_code.empty()) category = r.category_code;
  ZT_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec(kUpdateProjection, requests::Name(r.channel), requests::Name(r.kind), category, r.title,
              r.description, r.location, requests::Name(r.priority), requests::Name(r.status),
              IdValue(r.handling_department), IdValue(r.handler_id), IdValue(r.merged_into), r.reply, rating,
              requests::Name(r.rectification), requests::Name(r.appeal), r.version, r.last_hash, Ms(r.accepted_at),
              Ms(r.routed_at), Ms(r.signed_at), Ms(r.replied_at), Ms(r.rated_at), Ms(r.rectified_at),
              Ms(r.closed_at), ToUnixMillis(now), d.paused, Ms(d.accept_due), Ms(d.sign_due), Ms(d.reply_due),
              Ms(d.rectify_due), Ms(d.current_due), SnapshotToJson(r).dump(), id, expected_version));
  if (changed != 1) return VersionConflict(expected_version);
  ZT_TRY(tx.Exec(kDeleteCohandlers, id));
  for (const auto& dept : r.cohandling_departments) {
    if (auto v = IdValue(dept)) ZT_TRY(tx.Exec(kInsertCohandler, id, *v));
  }
  return Ok();
}

Result<std::vector<StoredRequest>> LoadSimilarCandidates(Tx& tx, std::optional<int64_t> enterprise_id,
                                                         std::optional<int64_t> region_id, const Clause& scope,
                                                         int limit) {
  std::vector<Value> params;
  std::string where = "WHERE r.status NOT IN ('closed', 'rejected', 'withdrawn', 'merged') AND (1 = 0";
  if (enterprise_id) {
    where += " OR r.enterprise_id = ?";
    params.emplace_back(*enterprise_id);
  }
  if (region_id) {
    where += " OR r.region_id = ?";
    params.emplace_back(*region_id);
  }
  where += ") AND " + scope.sql + " ORDER BY r.submitted_at DESC, r.id DESC LIMIT ?";
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(int64_t{limit});
  return LoadRequests(tx, where, params);
}

Result<int64_t> InsertAttachment(Tx& tx, const StoredAttachment& a) {
  return tx.InsertReturningId(kInsertAttachment, a.request_id, a.seq, a.file_name, a.media_type, a.size, a.sha256,
                              a.uploaded_by, ToUnixMillis(a.uploaded_at));
}

Result<std::vector<StoredAttachment>> LoadAttachments(Tx& tx, int64_t request_id) {
  return SelectAttachments(tx, "ORDER BY a.id", {Value(request_id)});
}

Result<std::optional<StoredAttachment>> LoadAttachment(Tx& tx, int64_t request_id, int64_t attachment_id) {
  ZT_ASSIGN_OR_RETURN(auto rows, SelectAttachments(tx, "AND a.id = ?", {Value(request_id), Value(attachment_id)}));
  if (rows.empty()) return std::optional<StoredAttachment>{};
  return std::optional<StoredAttachment>{std::move(rows.front())};
}

Result<std::optional<StoredAttachment>> LoadAttachmentBySeq(Tx& tx, int64_t request_id, int64_t seq) {
  ZT_ASSIGN_OR_RETURN(auto rows, SelectAttachments(tx, "AND a.seq = ?", {Value(request_id), Value(seq)}));
  if (rows.empty()) return std::optional<StoredAttachment>{};
  return std::optional<StoredAttachment>{std::move(rows.front())};
}

}  // namespace zhitong::requests_service
