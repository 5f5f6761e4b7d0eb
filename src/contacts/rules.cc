#include "contacts/rules.h"

#include <algorithm>

#include <fmt/format.h>

namespace zhitong::contacts {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::string DepartmentLabel(int64_t id, const DepartmentNames& names) {
  auto it = names.find(id);
  if (it != names.end() && !it->second.empty()) return it->second;
  return fmt::format("#{}", id);
}

bool Has(const std::vector<int64_t>& ids, int64_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

Finding QuietFinding(const QuietPeriod& p) {
  Finding f;
  f.rule = Rule::kQuietPeriod;
  f.quiet_period_id = p.id;
  f.message = fmt::format("quiet period: the enterprise is in a quiet period from {} to {}; no visit or inspection "
                          "without a written justification",
                          FormatDate(p.starts_on), FormatDate(p.ends_on));
  f.message_zh = fmt::format("宁静期：该企业 {} 至 {} 为宁静期，无书面理由不得走访或检查", FormatDate(p.starts_on),
                             FormatDate(p.ends_on));
  return f;
}

Finding CapFinding(int64_t department_id, int count, std::chrono::year y, const RuleSettings& s,
                   const DepartmentNames& names, bool planned) {
  Finding f;
  f.rule = Rule::kInspectionCap;
  f.department_id = department_id;
  f.count = count;
  f.limit = s.inspection_cap_per_year;
  const std::string dept = DepartmentLabel(department_id, names);
  const int year = static_cast<int>(y);
  if (planned) {
    f.message = fmt::format("inspection cap: {} has already inspected the enterprise {} time(s) in {} (cap {} a year)",
                            dept, count, year, s.inspection_cap_per_year);
    f.message_zh = fmt::format("检查上限：{} {} 年已检查该企业 {} 次（每年上限 {} 次）", dept, year, count,
                               s.inspection_cap_per_year);
  } else {
    f.message = fmt::format("inspection cap: this would be inspection {} of the enterprise by {} in {} (cap {} a year)",
                            count, dept, year, s.inspection_cap_per_year);
    f.message_zh = fmt::format("检查上限：这将是 {} {} 年对该企业的第 {} 次检查（每年上限 {} 次）", dept, year, count,
                               s.inspection_cap_per_year);
  }
  return f;
}

}  // namespace

std::string_view Name(Rule r) {
  switch (r) {
    case Rule::kQuietPeriod: return "quiet_period";
    case Rule::kInspectionCap: return "inspection_cap";
    case Rule::kHighFrequency: return "high_frequency";
  }
  return "quiet_period";
}

std::string_view NameZh(Rule r) {
  switch (r) {
    case Rule::kQuietPeriod: return "宁静期";
    case Rule::kInspectionCap: return "检查上限";
    case Rule::kHighFrequency: return "高频打扰";
  }
  return "宁静期";
}

std::pair<Date, Date> DaysSpanned(const ContactFacts& c) {
  const Date first = ShanghaiDate(c.started_at);
  // The last minute of the contact: a one-hour visit from 23:30 reaches the next day; one that
  // ends exactly at midnight does not.
  const int64_t minutes = std::max<int64_t>(c.duration_minutes, 1);
  const Date last = ShanghaiDate(c.started_at + std::chrono::minutes(minutes) - std::chrono::milliseconds(1));
  return {first, std::max(first, last)};
}

int InspectionsByDepartment(std::span<const ContactFacts> history, int64_t enterprise_id, int64_t department_id,
                            std::chrono::year year) {
  int n = 0;
  for (const auto& c : history) {
    if (c.enterprise_id == enterprise_id && c.kind == Kind::kInspection && ShanghaiDate(c.started_at).year() == year &&
        Has(c.department_ids, department_id)) {
      ++n;
    }
  }
  return n;
}

int InspectionsOfEnterprise(std::span<const ContactFacts> history, int64_t enterprise_id, std::chrono::year year) {
  int n = 0;
  for (const auto& c : history) {
    if (c.enterprise_id == enterprise_id && c.kind == Kind::kInspection && ShanghaiDate(c.started_at).year() == year) ++n;
  }
  return n;
}

Assessment Assess(const ContactFacts& contact, std::span<const ContactFacts> history, std::span<const QuietPeriod> quiet,
                  const RuleSettings& settings, const DepartmentNames& names) {
  Assessment out;
  const auto [first_day, last_day] = DaysSpanned(contact);

  if (IsOnSite(contact.kind)) {
    for (const auto& p : quiet) {
      if (p.enterprise_id != contact.enterprise_id || p.status != QuietStatus::kApproved) continue;
      if (p.starts_on <= last_day && first_day <= p.ends_on) out.violations.push_back(QuietFinding(p));
    }
  }

  if (contact.kind == Kind::kInspection) {
    const auto year = first_day.year();
    std::vector<int64_t> seen;
    for (int64_t dept : contact.department_ids) {
      if (Has(seen, dept)) continue;  // a department listed twice is still one department
      seen.push_back(dept);
      const int count = InspectionsByDepartment(history, contact.enterprise_id, dept, year) + 1;
      if (count > settings.inspection_cap_per_year) {
        out.violations.push_back(CapFinding(dept, count, year, settings, names, false));
      }
    }
  }

  // The window: the high_frequency_days calendar days ending on the contact's first day.
  const Date window_start{sys_days(first_day) - days(settings.high_frequency_days - 1)};
  int64_t count = 1;  // the contact itself
  for (const auto& c : history) {
    if (c.enterprise_id != contact.enterprise_id) continue;
    const Date d = ShanghaiDate(c.started_at);
    if (window_start <= d && d <= first_day) ++count;
  }
  if (count > settings.high_frequency_threshold) {
    Finding f;
    f.rule = Rule::kHighFrequency;
    f.count = count;
    f.limit = settings.high_frequency_threshold;
    f.period_days = settings.high_frequency_days;
    f.message = fmt::format("high frequency: {} contacts with the enterprise in {} days (more than {})", count,
                            settings.high_frequency_days, settings.high_frequency_threshold);
    f.message_zh = fmt::format("高频打扰：{} 天内联系该企业 {} 次（超过 {} 次）", settings.high_frequency_days, count,
                               settings.high_frequency_threshold);
    out.warnings.push_back(std::move(f));
  }
  return out;
}

std::optional<Finding> WhyNotEligible(int64_t enterprise_id, std::span<const ContactFacts> history,
                                      std::span<const QuietPeriod> quiet, const PlanWindow& window,
                                      const RuleSettings& settings, const DepartmentNames& names) {
  for (const auto& p : quiet) {
    if (p.enterprise_id != enterprise_id || p.status != QuietStatus::kApproved) continue;
    if (p.starts_on <= window.ends_on && window.starts_on <= p.ends_on) return QuietFinding(p);
  }
  for (int y = static_cast<int>(window.starts_on.year()); y <= static_cast<int>(window.ends_on.year()); ++y) {
    for (int64_t dept : window.department_ids) {
      const int done = InspectionsByDepartment(history, enterprise_id, dept, std::chrono::year(y));
      if (done >= settings.inspection_cap_per_year) {
        return CapFinding(dept, done, std::chrono::year(y), settings, names, true);
      }
    }
  }
  return std::nullopt;
}

}  // namespace zhitong::contacts
