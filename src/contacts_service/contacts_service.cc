// ContactsService: the contact register — registering under the 无事不扰 rules, scoped reads,
// the flagged list, and the enterprise's rating and report of a needless contact.
#include "contacts_service/contacts_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "access/audit.h"
#include "contacts_service/store.h"
#include "requests_service/store.h"

namespace zhitong::contacts_service {
namespace {

using access::Role;
using nlohmann::json;

Error NotAllowed(const std::string& en, const std::string& zh) {
  return Error::Forbidden("contact.not_allowed", en, zh);
}

// Code points in UTF-8 text (continuation bytes not counted).
int64_t Chars(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The input's fields on their own (no database): every problem at once.
Result<void> CheckFields(ContactInput& in) {
  std::vector<FieldError> errors;
  auto fail = [&](std::string f, std::string en, std::string zh) { errors.push_back({f, en, zh}); };
  in.purpose = Trim(in.purpose);
  in.legal_basis = Trim(in.legal_basis);
  in.justification = Trim(in.justification);
  if (in.purpose.empty()) fail("purpose", "purpose is required: every contact needs a reason", "须填写事由：无事不扰");
  if (Chars(in.purpose) > contacts::kMaxPurposeChars) fail("purpose", "purpose is too long", "事由过长");
  if (in.kind == contacts::Kind::kInspection && in.legal_basis.empty()) {
    fail("legal_basis", "legal_basis is required for an inspection", "检查须填写法律依据");
  }
  if (Chars(in.legal_basis) > contacts::kMaxLegalBasisChars) fail("legal_basis", "legal_basis is too long", "法律依据过长");
  if (Chars(in.outcome) > contacts::kMaxOutcomeChars) fail("outcome", "outcome is too long", "结果过长");
  if (Chars(in.justification) > contacts::kMaxJustificationChars) {
    fail("justification", "justification is too long", "理由过长");
  }
  if (in.duration_minutes < 0 || in.duration_minutes > contacts::kMaxDurationMinutes) {
    fail("duration_minutes", "duration_minutes must be from 0 to 10080 (a week)", "时长须为 0 至 10080 分钟");
  }
  if (in.department_ids) {
    auto& ids = *in.department_ids;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.size() > contacts::kMaxJointDepartments) {
      fail("department_ids", "at most 10 departments in one contact", "一次联系最多 10 个部门");
    }
  }
  if (errors.empty()) return Ok();
  std::string en = "invalid input: ", zh = "输入有误：";
  for (size_t i = 0; i < errors.size(); ++i) {
    en += (i ? "; " : "") + errors[i].message;
    zh += (i ? "；" : "") + errors[i].message_zh;
  }
  Error e = Error::Invalid("input.invalid", en, zh);
  e.fields = std::move(errors);
  return e;
}

// Who registers: fills the defaults from the actor and refuses what the role may not do. The
// enterprise-dependent checks (assignment, region) are made in the transaction.
Result<void> ApplyActor(const access::Actor& a, ContactInput& in) {
  switch (a.role) {
    case Role::kAdmin: break;
    case Role::kLeader:
    case Role::kLiaison:
      if (!in.official_id) in.official_id = a.official_id;
      if (a.role == Role::kLiaison && (!a.official_id || in.official_id != a.official_id)) {
        return NotAllowed("a liaison registers their own contacts", "联络员只能登记本人的联系");
      }
      break;
    case Role::kHandler: {
      if (!a.department_id) return NotAllowed("this handler has no department", "该承办人未关联部门");
      if (!in.department_ids) in.department_ids = std::vector<int64_t>{*a.department_id};
      const auto& ids = *in.department_ids;
      if (std::find(ids.begin(), ids.end(), *a.department_id) == ids.end()) {
        return NotAllowed("a handler registers contacts of their own department", "承办人只能登记本部门的联系");
      }
      if (in.official_id) return NotAllowed("a handler registers contacts as their department", "承办人以部门名义登记联系");
      break;
    }
    default:
      return NotAllowed("only officials, departments and administrators register contacts",
                        "只有领导、联络员、承办部门和管理员可以登记联系");
  }
  if (!in.department_ids) in.department_ids = std::vector<int64_t>{};
  if (!in.official_id && in.department_ids->empty()) {
    return FieldInvalid("official_id", "a contact needs an official or a department", "须填写联系的领导或部门");
  }
  if (in.kind == contacts::Kind::kInspection && in.department_ids->empty()) {
    return FieldInvalid("department_ids", "an inspection is made by a department: give department_ids",
                        "检查须由部门实施：请填写部门");
  }
  return Ok();
}

Error RuleViolation(const std::vector<contacts::Finding>& violations) {
  std::string en, zh;
  std::vector<FieldError> fields;
  for (const auto& f : violations) {
    en += (en.empty() ? "" : "; ") + f.message;
    zh += (zh.empty() ? "" : "；") + f.message_zh;
    fields.push_back({std::string(contacts::Name(f.rule)), f.message, f.message_zh});
  }
  Error e = Error::Invalid("contact.rule_violation",
                           "this contact breaks the no-needless-disturbance rules (" + en +
                               "); register it with a written justification, which flags it to leaders",
                           "该联系违反“无事不扰”规定（" + zh + "）；如确需进行，须填写书面理由，并将提示领导关注");
  e.fields = std::move(fields);
  return e;
}

json AuditJson(const Contact& c) {
  json j = ToJson(c);
  j.erase("enterprise_name");
  j.erase("official_name");
  j.erase("department_names");
  return j;
}

// Checks the plan named by a contact: published, and drawing this enterprise.
Result<void> CheckPlan(storage::Tx& tx, int64_t plan_id, int64_t enterprise_id) {
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(storage::Sql("SELECT status, document FROM inspection_plans WHERE id = ?"), plan_id));
  ZT_ASSIGN_OR_RETURN(auto ent, tx.Query(storage::Sql("SELECT uscc FROM enterprises WHERE id = ?"), enterprise_id));
  if (rows.empty() || rows[0].text("status") != "published" || ent.empty()) {
    return FieldInvalid("plan_id", "no published inspection plan " + std::to_string(plan_id),
                        "没有已公开的检查计划 " + std::to_string(plan_id));
  }
  auto doc = json::parse(rows[0].text("document"), nullptr, false);
  const std::string uscc = ent[0].text("uscc");
  if (doc.is_object() && doc.contains("draw")) {
    for (const auto& t : doc["draw"].value("targets", json::array())) {
      if (t.value("key", "") == uscc) return Ok();
    }
  }
  return FieldInvalid("plan_id", "the plan did not draw this enterprise", "该检查计划未抽中此企业");
}

}  // namespace

Result<Contact> ContactsService::Register(const access::Actor& actor, const ContactInput& input,
                                          std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  ContactInput in = input;
  ZT_TRY(CheckFields(in));
  ZT_TRY(ApplyActor(actor, in));
  if (in.request_id) {
    // The linked request must be one the registrant can see, about the same enterprise.
    auto request = requests_.Get(actor, *in.request_id);
    if (!request) {
      if (request.error().kind != ErrorKind::kNotFound) return request.error();
      return FieldInvalid("request_id", "no request " + std::to_string(*in.request_id) + " that you can see",
                          "没有您可查看的诉求 " + std::to_string(*in.request_id));
    }
    if (requests_service::IdValue(request->stored.request.enterprise_id) != in.enterprise_id) {
      return FieldInvalid("request_id", "the linked request is not from this enterprise", "所关联的诉求不是该企业的");
    }
  }
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<Contact> {
    // PostgreSQL: lock the enterprise row, so two contacts with one enterprise are checked
    // against the rules one after the other (SQLite has one writer anyway).
    ZT_ASSIGN_OR_RETURN(auto ent, tx.Query(storage::Sql{"SELECT region_id FROM enterprises WHERE id = ?",
                                                        "SELECT region_id FROM enterprises WHERE id = ? FOR UPDATE"},
                                           in.enterprise_id));
    if (ent.empty()) {
      return FieldInvalid("enterprise_id", "no enterprise " + std::to_string(in.enterprise_id),
                          "没有企业 " + std::to_string(in.enterprise_id));
    }
    const int64_t region_id = ent[0].i64("region_id");
    if (actor.role == Role::kLeader && !actor.city_wide() && region_id != *actor.region_id) {
      return NotAllowed("this enterprise is outside your region", "该企业不在您的辖区");
    }
    if (actor.role == Role::kLiaison) {
      ZT_ASSIGN_OR_RETURN(auto serves, tx.Query(storage::Sql("SELECT 1 AS x FROM liaison_assignments WHERE official_id = ?"
                                                             " AND enterprise_id = ? AND ended_at IS NULL"),
                                                *actor.official_id, in.enterprise_id));
      if (serves.empty()) return NotAllowed("you are not this enterprise's liaison", "您不是该企业的联络员");
    }
    if (in.official_id) {
      ZT_ASSIGN_OR_RETURN(auto o, tx.Query(storage::Sql("SELECT 1 AS x FROM officials WHERE id = ?"), *in.official_id));
      if (o.empty()) {
        return FieldInvalid("official_id", "no official " + std::to_string(*in.official_id),
                            "没有领导 " + std::to_string(*in.official_id));
      }
    }
    ZT_ASSIGN_OR_RETURN(auto names, LoadDepartmentNames(tx));
    for (int64_t d : *in.department_ids) {
      if (!names.count(d)) {
        return FieldInvalid("department_ids", "no department " + std::to_string(d), "没有部门 " + std::to_string(d));
      }
    }
    if (in.plan_id) ZT_TRY(CheckPlan(tx, *in.plan_id, in.enterprise_id));

    // The rules need the calendar year of the contact and the high-frequency window before it.
    const contacts::Date day = ShanghaiDate(in.started_at);
    const Instant year_start =
        ShanghaiMidnight(contacts::Date{day.year(), std::chrono::January, std::chrono::day(1)});
    const Instant window_start =
        ShanghaiMidnight(day) - std::chrono::days(settings_.high_frequency_days);
    ZT_ASSIGN_OR_RETURN(auto history, LoadFacts(tx, in.enterprise_id, std::min(year_start, window_start)));
    ZT_ASSIGN_OR_RETURN(auto quiet, LoadQuietPeriods(tx, in.enterprise_id));
    contacts::ContactFacts facts{0, in.enterprise_id, in.kind, in.started_at, in.duration_minutes, *in.department_ids};
    const auto assessment = contacts::Assess(facts, history, quiet, settings_, names);
    if (!assessment.violations.empty() && in.justification.empty()) return RuleViolation(assessment.violations);

    ZT_ASSIGN_OR_RETURN(
        int64_t id,
        tx.InsertReturningId(
            storage::Sql("INSERT INTO contacts (enterprise_id, region_id, kind, purpose, legal_basis, contacted_at,"
                         " duration_minutes, outcome, official_id, request_id, plan_id, justification, violations,"
                         " warnings, flagged, registered_by, registered_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            in.enterprise_id, region_id, contacts::Name(in.kind), in.purpose, in.legal_basis,
            ToUnixMillis(in.started_at), in.duration_minutes, in.outcome, in.official_id, in.request_id, in.plan_id,
            in.justification, FindingsJson(assessment.violations).dump(), FindingsJson(assessment.warnings).dump(),
            assessment.flagged(), actor.user_id, ToUnixMillis(now)));
    for (int64_t d : *in.department_ids) {
      ZT_TRY(tx.Exec(storage::Sql("INSERT INTO contact_departments (contact_id, department_id) VALUES (?, ?)"), id, d));
    }
    ZT_ASSIGN_OR_RETURN(auto rows, LoadContacts(tx, "WHERE c.id = ?", {id}));
    if (rows.empty()) return Error::Internal("contact.lost", "the new contact could not be read back");
    ZT_TRY(access::RecordAudit(tx, actor, now, "create", "contact", std::to_string(id), nullptr, AuditJson(rows[0]),
                               http_request_id));
    return rows[0];
  });
}

Result<Contact> ContactsService::Get(const access::Actor& actor, int64_t id) {
  ZT_ASSIGN_OR_RETURN(Clause scope, ContactScope(actor));
  std::vector<storage::Value> params = {id};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  ZT_ASSIGN_OR_RETURN(auto rows, db_.ReadValue([&](storage::Tx& tx) {
    return LoadContacts(tx, "WHERE c.id = ? AND " + scope.sql, params);
  }));
  if (rows.empty()) return ContactNotFound(id);
  return rows[0];
}

Result<ContactList> ContactsService::List(const access::Actor& actor, const ContactFilter& f) {
  ZT_ASSIGN_OR_RETURN(Clause scope, ContactScope(actor));
  std::string where = "WHERE " + scope.sql;
  std::vector<storage::Value> params = scope.params;
  auto add = [&](const char* sql, storage::Value v) {
    where += sql;
    params.push_back(std::move(v));
  };
  if (f.enterprise_id) add(" AND c.enterprise_id = ?", *f.enterprise_id);
  if (f.official_id) add(" AND c.official_id = ?", *f.official_id);
  if (f.department_id) {
    add(" AND EXISTS (SELECT 1 FROM contact_departments cdf WHERE cdf.contact_id = c.id AND cdf.department_id = ?)",
        *f.department_id);
  }
  if (f.kind) add(" AND c.kind = ?", std::string(contacts::Name(*f.kind)));
  if (f.flagged) add(" AND c.flagged = ?", int64_t{*f.flagged ? 1 : 0});
  if (f.from) add(" AND c.contacted_at >= ?", ToUnixMillis(*f.from));
  if (f.to) add(" AND c.contacted_at < ?", ToUnixMillis(*f.to));
  return db_.ReadValue([&](storage::Tx& tx) -> Result<ContactList> {
    ContactList out;
    ZT_ASSIGN_OR_RETURN(auto count, tx.Query("SELECT COUNT(*) AS n FROM contacts c " + where, params));
    out.total = count.empty() ? 0 : count[0].i64("n");
    std::vector<storage::Value> page = params;
    page.emplace_back(int64_t{f.limit});
    page.emplace_back(int64_t{f.offset});
    ZT_ASSIGN_OR_RETURN(out.items, LoadContacts(tx, where + " ORDER BY c.contacted_at DESC, c.id DESC LIMIT ? OFFSET ?", page));
    return out;
  });
}

Result<ContactList> ContactsService::Flagged(const access::Actor& actor, ContactFilter filter) {
  ZT_TRY(access::RequireRole(actor, {Role::kAdmin, Role::kLeader, Role::kDispatcher}));
  filter.flagged = true;
  return List(actor, filter);
}

Result<Contact> ContactsService::Rate(const access::Actor& actor, int64_t id, requests::RatingLevel level,
                                      const std::string& comment, std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  if (actor.role != Role::kEnterprise) return NotAllowed("only the enterprise rates a contact", "只有企业可以评价联系");
  if (Chars(comment) > 500) return FieldInvalid("comment", "comment is too long (500 characters at most)", "评价内容过长");
  ZT_ASSIGN_OR_RETURN(Contact before, Get(actor, id));
  const Instant now = clock_.Now();
  return db_.WriteValue([&](storage::Tx& tx) -> Result<Contact> {
    ZT_TRY(tx.Exec(storage::Sql("UPDATE contacts SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ?"),
                   requests::Name(level), comment, ToUnixMillis(now), id));
    ZT_ASSIGN_OR_RETURN(auto rows, LoadContacts(tx, "WHERE c.id = ?", {id}));
    if (rows.empty()) return ContactNotFound(id);
    ZT_TRY(access::RecordAudit(tx, actor, now, "rate", "contact", std::to_string(id), AuditJson(before),
                               AuditJson(rows[0]), http_request_id));
    return rows[0];
  });
}

Result<ReportResult> ContactsService::Report(const access::Actor& actor, int64_t id, const std::string& raw_reason,
                                             std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  if (actor.role != Role::kEnterprise) {
    return NotAllowed("only the enterprise reports a needless contact", "只有企业可以投诉扰企行为");
  }
  const std::string reason = Trim(raw_reason);
  if (reason.empty()) return FieldInvalid("reason", "reason is required", "须填写投诉理由");
  if (Chars(reason) > 2000) return FieldInvalid("reason", "reason is too long (2000 characters at most)", "投诉理由过长");
  ZT_ASSIGN_OR_RETURN(Contact contact, Get(actor, id));
  auto already = [&] {
    return Error::Conflict("contact.already_reported",
                           fmt::format("contact {} was already reported (request {})", id,
                                       contact.report ? contact.report->request_id : 0),
                           fmt::format("该联系已投诉（诉求 {}）", contact.report ? contact.report->request_id : 0));
  };
  if (contact.report) return already();

  // One path for requests: the complaint is an ordinary request, submitted as the enterprise.
  std::string who = contact.official_name;
  for (const auto& d : contact.department_names) who += (who.empty() ? "" : "、") + d;
  requests_service::SubmitInput submit;
  submit.kind = requests::Kind::kComplaint;
  submit.category_code = "needless_contact";
  submit.title = fmt::format("扰企投诉：{} {} {}", FormatDate(ShanghaiDate(contact.started_at)),
                             contacts::NameZh(contact.kind), who);
  if (Chars(submit.title) > static_cast<int64_t>(requests::kMaxTitleChars)) {
    submit.title = fmt::format("扰企投诉：联系记录 {}", id);
  }
  submit.description = fmt::format("{}\n\n联系记录 {}（{}，{}）事由：{}", reason, id, contacts::NameZh(contact.kind),
                                   FormatShanghai(contact.started_at), contact.purpose);
  ZT_ASSIGN_OR_RETURN(auto request, requests_.Submit(actor, submit, http_request_id));

  const Instant now = clock_.Now();
  auto updated = db_.WriteValue([&](storage::Tx& tx) -> Result<Contact> {
    ZT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(storage::Sql("UPDATE contacts SET report_reason = ?, report_request_id = ?,"
                                                        " reported_at = ? WHERE id = ? AND report_request_id IS NULL"),
                                           reason, request.stored.id, ToUnixMillis(now), id));
    if (n == 0) return already();
    ZT_ASSIGN_OR_RETURN(auto rows, LoadContacts(tx, "WHERE c.id = ?", {id}));
    if (rows.empty()) return ContactNotFound(id);
    ZT_TRY(access::RecordAudit(tx, actor, now, "report", "contact", std::to_string(id), AuditJson(contact),
                               AuditJson(rows[0]), http_request_id));
    return rows[0];
  });
  if (!updated) return updated.error();
  return ReportResult{std::move(*updated), std::move(request)};
}

}  // namespace zhitong::contacts_service
