// The JSON shapes of contacts, quiet periods and plans (docs/API-CONTRACT.md), shared by the
// HTTP handlers and the command line.
#include "contacts_service/contacts_service.h"

namespace zhitong::contacts_service {
namespace {

using nlohmann::json;

json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json ToJson(const contacts::Finding& f) {
  json out = {{"rule", contacts::Name(f.rule)},
              {"rule_zh", contacts::NameZh(f.rule)},
              {"message", f.message},
              {"message_zh", f.message_zh}};
  if (f.department_id) out["department_id"] = *f.department_id;
  if (f.quiet_period_id) out["quiet_period_id"] = *f.quiet_period_id;
  if (f.rule != contacts::Rule::kQuietPeriod) {
    out["count"] = f.count;
    out["limit"] = f.limit;
  }
  if (f.rule == contacts::Rule::kHighFrequency) {
    out["threshold"] = f.limit;
    out["period_days"] = f.period_days;
  }
  return out;
}

json ToJson(const Contact& c) {
  json violations = json::array(), warnings = json::array();
  for (const auto& f : c.violations) violations.push_back(ToJson(f));
  for (const auto& f : c.warnings) warnings.push_back(ToJson(f));
  json rating = nullptr, report = nullptr;
  if (c.rating) {
    rating = {{"level", requests::Name(c.rating->level)},
              {"level_zh", requests::NameZh(c.rating->level)},
              {"comment", c.rating->comment},
              {"at", FormatShanghai(c.rating->at)}};
  }
  if (c.report) {
    report = {{"reason", c.report->reason}, {"request_id", c.report->request_id}, {"at", FormatShanghai(c.report->at)}};
  }
  return {{"id", c.id},
          {"enterprise_id", c.enterprise_id},
          {"enterprise_name", c.enterprise_name},
          {"region_id", c.region_id},
          {"kind", contacts::Name(c.kind)},
          {"kind_zh", contacts::NameZh(c.kind)},
          {"purpose", c.purpose},
          {"legal_basis", c.legal_basis},
          {"started_at", FormatShanghai(c.started_at)},
          {"duration_minutes", c.duration_minutes},
          {"outcome", c.outcome},
          {"official_id", Opt(c.official_id)},
          {"official_name", c.official_id ? json(c.official_name) : json(nullptr)},
          {"department_ids", c.department_ids},
          {"department_names", c.department_names},
          {"joint", c.department_ids.size() > 1},
          {"request_id", Opt(c.request_id)},
          {"plan_id", Opt(c.plan_id)},
          {"justification", c.justification},
          {"violations", violations},
          {"warnings", warnings},
          {"flagged", c.flagged},
          {"rating", rating},
          {"report", report},
          {"registered_by", c.registered_by},
          {"registered_at", FormatShanghai(c.registered_at)}};
}

json ToJson(const QuietPeriodView& q) {
  return {{"id", q.period.id},
          {"enterprise_id", q.period.enterprise_id},
          {"enterprise_name", q.enterprise_name},
          {"starts_on", FormatDate(q.period.starts_on)},
          {"ends_on", FormatDate(q.period.ends_on)},
          {"reason", q.period.reason},
          {"status", contacts::Name(q.period.status)},
          {"status_zh", contacts::NameZh(q.period.status)},
          {"requested_by", q.requested_by},
          {"decided_by", Opt(q.decided_by)},
          {"decision_note", q.decision_note},
          {"created_at", FormatShanghai(q.created_at)}};
}

json ToJson(const Plan& p) {
  json out = p.document;
  out["id"] = p.id;
  out["status"] = p.status;
  out["status_zh"] = p.status == "published" ? "已公开" : "草稿";
  out["created_at"] = FormatShanghai(p.created_at);
  out["published_at"] = p.published_at ? json(FormatShanghai(*p.published_at)) : json(nullptr);
  return out;
}

}  // namespace zhitong::contacts_service
