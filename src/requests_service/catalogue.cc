// RequestService: administrators' edits of the category catalogue (派单目录) and of the
// working-day calendar, each in one transaction with its audit entry; the service reloads its
// calendar after a calendar change. The SQL of these edits is here, beside their only callers.
#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "core/text.h"
#include "requests_service/calendar_store.h"
#include "requests_service/request_service.h"

namespace zhitong::requests_service {
namespace {

using storage::Sql;
using storage::Tx;

constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;
constexpr int kMaxReplyDays = 60;
constexpr int kMaxUrgentHours = 720;
constexpr int64_t kOpenRequestsPage = 500;

const Sql kInsertCategory(
    "INSERT INTO categories (code, name, name_en, department_id, reply_days, urgent_hours, active, sort_order,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
const Sql kUpdateCategory(
    "UPDATE categories SET name = ?, name_en = ?, department_id = ?, reply_days = ?, urgent_hours = ?, active = ?,"
    " sort_order = ?, updated_at = ? WHERE code = ?");
const Sql kMaxSortOrder("SELECT COALESCE(MAX(sort_order), 0) AS n FROM categories");
const Sql kYearDays("SELECT date, kind, name, name_en FROM calendar_days WHERE date >= ? AND date < ? ORDER BY date");
const Sql kYearRow("SELECT source, covered FROM calendar_years WHERE year = ?");
const Sql kDeleteYearDays("DELETE FROM calendar_days WHERE date >= ? AND date < ?");
const Sql kInsertDay("INSERT INTO calendar_days (date, kind, name, name_en, updated_at) VALUES (?, ?, ?, ?, ?)");
const Sql kUpsertYear(
    "INSERT INTO calendar_years (year, source, covered, revision) VALUES (?, ?, ?, 1)"
    " ON CONFLICT (year) DO UPDATE SET source = excluded.source, covered = excluded.covered,"
    " revision = calendar_years.revision + 1");
// Requests whose deadlines can still change: not rejected, closed, withdrawn or merged.
constexpr const char* kOpenRequests =
    "WHERE r.status NOT IN ('rejected', 'closed', 'withdrawn', 'merged') AND r.id > ? ORDER BY r.id LIMIT ?";

Error Invalid(std::vector<FieldError> fields) {
  std::string en = "invalid input: ", zh = "输入有误：";
  for (size_t i = 0; i < fields.size(); ++i) {
    en += (i ? "; " : "") + fields[i].message;
    zh += (i ? "；" : "") + fields[i].message_zh;
  }
  Error e = Error::Invalid("input.invalid", en, zh);
  e.fields = std::move(fields);
  return e;
}

Error YearOutOfRange() {
  return Invalid({{"year", "year must be 1990–2100", "年份须为 1990–2100"}});
}

nlohmann::json CategoryJson(const Category& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"name_en", c.name_en},
          {"department_id", c.department_id ? nlohmann::json(*c.department_id) : nlohmann::json()},
          {"reply_days", c.reply_days},
          {"urgent_hours", c.urgent_hours},
          {"active", c.active},
          {"sort_order", c.sort_order}};
}

bool ValidCode(const std::string& code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

Result<void> CheckCategory(Tx& tx, const Category& c) {
  std::vector<FieldError> fields;
  if (!ValidCode(c.code)) {
    fields.push_back({"code", "code must be 1–64 characters of a–z, 0–9 and _", "编码须为 1–64 个小写字母、数字或下划线"});
  }
  if (IsBlank(c.name)) fields.push_back({"name", "name is required", "须填写名称"});
  if (c.reply_days < 1 || c.reply_days > kMaxReplyDays) {
    fields.push_back({"reply_days", "reply_days must be 1–60 working days", "答复时限须为 1–60 个工作日"});
  }
  if (c.urgent_hours < 1 || c.urgent_hours > kMaxUrgentHours) {
    fields.push_back({"urgent_hours", "urgent_hours must be 1–720 hours", "紧急答复时限须为 1–720 小时"});
  }
  if (c.department_id) {
    ZT_ASSIGN_OR_RETURN(bool exists, DepartmentExists(tx, *c.department_id));
    if (!exists) {
      fields.push_back({"department_id", "there is no department " + std::to_string(*c.department_id),
                        "没有编号为 " + std::to_string(*c.department_id) + " 的部门"});
    }
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  return Ok();
}

std::string YearStart(int year) { return std::to_string(year) + "-01-01"; }
std::string YearEnd(int year) { return std::to_string(year + 1) + "-01-01"; }

// Every problem of a year's listing, field by field: each date a real date of `year` listed once,
// each kind holiday or workday, each workday (调休上班) a Saturday or Sunday.
std::vector<FieldError> CheckYear(int year, const std::vector<CalendarDay>& days) {
  std::vector<FieldError> fields;
  std::map<std::string, size_t> seen;
  const std::string y = std::to_string(year);
  for (size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    const std::string field = "days[" + std::to_string(i) + "]";
    auto date = ParseDate(d.date);
    if (!date || d.date.size() != 10 || d.date.rfind(y + "-", 0) != 0) {
      fields.push_back({field + ".date", "\"" + d.date + "\" is not a date of " + y + " (YYYY-MM-DD)",
                        "“" + d.date + "”不是 " + y + " 年的日期（YYYY-MM-DD）"});
      continue;
    }
    if (auto [it, fresh] = seen.emplace(d.date, i); !fresh) {
      fields.push_back({field + ".date", d.date + " is listed twice (also days[" + std::to_string(it->second) + "])",
                        d.date + " 重复列出（另见 days[" + std::to_string(it->second) + "]）"});
    }
    if (d.kind != "holiday" && d.kind != "workday") {
      fields.push_back({field + ".kind", "kind must be holiday or workday", "类型须为 holiday（放假）或 workday（调休上班）"});
    } else if (d.kind == "workday") {
      const std::chrono::weekday wd{std::chrono::sys_days(*date)};
      if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) {
        fields.push_back({field + ".kind", d.date + " is a weekday: a make-up workday must be a Saturday or Sunday",
                          d.date + " 是工作日：调休上班日须为周六或周日"});
      }
    }
  }
  return fields;
}

nlohmann::json DaysJson(const std::vector<CalendarDay>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : days) out.push_back({{"date", d.date}, {"kind", d.kind}, {"name", d.name}, {"name_en", d.name_en}});
  return out;
}

Result<CalendarYearView> ReadYear(Tx& tx, int year) {
  CalendarYearView v;
  v.year = year;
  ZT_ASSIGN_OR_RETURN(auto days, tx.Query(kYearDays, YearStart(year), YearEnd(year)));
  for (const auto& row : days) v.days.push_back({row.text("date"), row.text("kind"), row.text("name"), row.text("name_en")});
  ZT_ASSIGN_OR_RETURN(auto years, tx.Query(kYearRow, int64_t{year}));
  v.listed = !years.empty();
  if (v.listed) {
    v.source = years[0].text("source");
    v.covered = years[0].boolean("covered");
  }
  return v;
}

nlohmann::json YearAudit(const CalendarYearView& v) {
  return {{"covered", v.covered}, {"source", v.source}, {"days", DaysJson(v.days)}};
}

}  // namespace

Result<std::vector<Category>> RequestService::AllCategories(const access::Actor& actor) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin, access::Role::kDispatcher}));
  return db_.ReadValue([](Tx& tx) { return LoadCategories(tx, /*active_only=*/false); });
}

Result<Category> RequestService::SaveCategory(const access::Actor& actor, const std::string& code,
                                              const CategoryEdit& edit, bool create,
                                              std::string_view http_request_id) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin}));
  ZT_TRY(access::RequireWriteScope(actor));
  if (create && !ValidCode(code)) {
    return Invalid({{"code", "code must be 1–64 characters of a–z, 0–9 and _", "编码须为 1–64 个小写字母、数字或下划线"}});
  }
  const Instant now = clock_.Now();
  return db_.WriteValue([&](Tx& tx) -> Result<Category> {
    ZT_ASSIGN_OR_RETURN(auto existing, LoadCategory(tx, code));
    if (create && existing) {
      return Error::Conflict("category.exists", "there is already a category \"" + code + "\"",
                             "已有编码为“" + code + "”的类别");
    }
    if (!create && !existing) {
      return Error::NotFound("category.not_found", "there is no category \"" + code + "\"",
                             "没有编码为“" + code + "”的类别");
    }
    Category c = existing.value_or(Category{});
    c.code = code;
    if (!existing) {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kMaxSortOrder));
      c.sort_order = (rows.empty() ? 0 : static_cast<int>(rows[0].i64("n"))) + 1;
    }
    if (edit.name) c.name = *edit.name;
    if (edit.name_en) c.name_en = *edit.name_en;
    if (edit.department_id) c.department_id = *edit.department_id;
    if (edit.reply_days) c.reply_days = *edit.reply_days;
    if (edit.urgent_hours) c.urgent_hours = *edit.urgent_hours;
    if (edit.active) c.active = *edit.active;
    if (edit.sort_order) c.sort_order = *edit.sort_order;
    ZT_TRY(CheckCategory(tx, c));
    if (create) {
      ZT_TRY(tx.Exec(kInsertCategory, c.code, c.name, c.name_en, c.department_id, int64_t{c.reply_days},
                     int64_t{c.urgent_hours}, int64_t{c.active}, int64_t{c.sort_order}, ToUnixMillis(now)));
    } else {
      ZT_TRY(tx.Exec(kUpdateCategory, c.name, c.name_en, c.department_id, int64_t{c.reply_days},
                     int64_t{c.urgent_hours}, int64_t{c.active}, int64_t{c.sort_order}, ToUnixMillis(now), c.code));
    }
    ZT_TRY(access::RecordAudit(tx, actor, now, create ? "create" : "update", "category", c.code,
                               existing ? CategoryJson(*existing) : nlohmann::json(), CategoryJson(c),
                               http_request_id));
    return c;
  });
}

Result<CalendarYearView> RequestService::CalendarYear(const access::Actor&, int year) {
  if (year < kFirstYear || year > kLastYear) return YearOutOfRange();
  return db_.ReadValue([&](Tx& tx) { return ReadYear(tx, year); });
}

Result<CalendarYearView> RequestService::PutCalendarYear(const access::Actor& actor, int year,
                                                         const CalendarYearInput& input,
                                                         std::string_view http_request_id) {
  ZT_TRY(access::RequireRole(actor, {access::Role::kAdmin}));
  ZT_TRY(access::RequireWriteScope(actor));
  if (year < kFirstYear || year > kLastYear) return YearOutOfRange();
  if (auto fields = CheckYear(year, input.days); !fields.empty()) return Invalid(std::move(fields));
  const Instant now = clock_.Now();
  auto saved = db_.WriteValue([&](Tx& tx) -> Result<CalendarYearView> {
    ZT_ASSIGN_OR_RETURN(const CalendarYearView before, ReadYear(tx, year));
    ZT_TRY(tx.Exec(kDeleteYearDays, YearStart(year), YearEnd(year)));
    for (const auto& d : input.days) ZT_TRY(tx.Exec(kInsertDay, d.date, d.kind, d.name, d.name_en, ToUnixMillis(now)));
    ZT_TRY(tx.Exec(kUpsertYear, int64_t{year}, input.source, int64_t{input.covered}));
    // The whole calendar as it now stands (the days of neighbouring years stay as they were).
    ZT_ASSIGN_OR_RETURN(const calendar::WorkingCalendar cal, LoadCalendar(tx));
    // Open requests keep their stored due instants in step with the new calendar, so that the
    // queue's overdue filter and the escalation scheduler see what each request shows.
    int64_t after_id = 0;
    while (true) {
      ZT_ASSIGN_OR_RETURN(auto page, LoadRequests(tx, kOpenRequests, {after_id, kOpenRequestsPage}));
      for (const auto& s : page) {
        ZT_ASSIGN_OR_RETURN(Deadlines d, ComputeDeadlines(cal, s.request, s.policy, now));
        ZT_TRY(SaveDeadlines(tx, s.id, d));
      }
      if (static_cast<int64_t>(page.size()) < kOpenRequestsPage) break;
      after_id = page.back().id;
    }
    ZT_ASSIGN_OR_RETURN(CalendarYearView after, ReadYear(tx, year));
    ZT_TRY(access::RecordAudit(tx, actor, now, "replace", "calendar_year", std::to_string(year),
                               before.listed ? YearAudit(before) : nlohmann::json(), YearAudit(after),
                               http_request_id));
    return after;
  });
  if (!saved) return saved.error();
  ZT_TRY(ReloadCalendar());
  return saved;
}

}  // namespace zhitong::requests_service
