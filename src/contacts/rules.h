// 无事不扰 — the rules a contact with an enterprise is checked against when it is registered, and
// that decide which enterprises a random inspection may draw:
//   * quiet period: no visit or inspection on a day of an approved quiet period of the enterprise;
//   * inspection cap: a department inspects one enterprise at most `inspection_cap_per_year`
//     times per calendar year (Shanghai calendar); a joint inspection counts once for each
//     department in it, and once — not once per department — for the enterprise;
//   * high frequency: more than `high_frequency_threshold` contacts of any kind with one
//     enterprise within `high_frequency_days` days is a warning (a joint inspection is one contact).
// Breaking the first two needs a written justification and flags the contact to leaders; the
// third only flags it. Pure functions of the facts passed in; no clock, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/contact.h"

namespace zhitong::contacts {

struct RuleSettings {
  int inspection_cap_per_year = 2;
  int high_frequency_threshold = 4;
  int high_frequency_days = 30;
};

enum class Rule { kQuietPeriod, kInspectionCap, kHighFrequency };
// "quiet_period", "inspection_cap", "high_frequency"
std::string_view Name(Rule r);
std::string_view NameZh(Rule r);

// One broken rule (or one warning), with the numbers behind it.
struct Finding {
  Rule rule = Rule::kQuietPeriod;
  std::string message;     // English; starts with the rule's name
  std::string message_zh;  // Chinese; starts with the rule's name
  std::optional<int64_t> department_id;    // inspection_cap: the department over its cap
  std::optional<int64_t> quiet_period_id;  // quiet_period: the period the contact falls in
  int64_t count = 0;   // inspection_cap: inspections in the year including this one;
                       // high_frequency: contacts in the window including this one
  int64_t limit = 0;   // the cap or the threshold
  int period_days = 0; // high_frequency: the window
};

struct Assessment {
  std::vector<Finding> violations;  // each needs a written justification
  std::vector<Finding> warnings;    // flagged only
  bool flagged() const { return !violations.empty() || !warnings.empty(); }
};

using DepartmentNames = std::map<int64_t, std::string>;

// Checks `contact` (not yet registered) against the enterprise's other contacts (`history`, any
// dates; contacts of other enterprises are ignored) and its quiet periods (any status; only
// approved ones count). Department names, when given, are used in the messages.
Assessment Assess(const ContactFacts& contact, std::span<const ContactFacts> history,
                  std::span<const QuietPeriod> quiet, const RuleSettings& settings,
                  const DepartmentNames& department_names = {});

// The Shanghai calendar days a contact spans: from its start to the last minute of its duration.
std::pair<Date, Date> DaysSpanned(const ContactFacts& contact);

// Inspections of the enterprise in which the department took part, in calendar year `year`.
int InspectionsByDepartment(std::span<const ContactFacts> history, int64_t enterprise_id, int64_t department_id,
                            std::chrono::year year);
// Inspections of the enterprise in calendar year `year`; a joint inspection counts once.
int InspectionsOfEnterprise(std::span<const ContactFacts> history, int64_t enterprise_id, std::chrono::year year);

// A random inspection plan's constraints on the enterprises it may draw.
struct PlanWindow {
  Date starts_on{};
  Date ends_on{};  // inclusive
  std::vector<int64_t> department_ids;
};

// Why the enterprise may not be drawn for the plan, or nothing when it may: an approved quiet
// period overlapping the plan's days, or a department of the plan that has already reached its
// inspection cap for the enterprise in a year the plan's days fall in (one more would break it).
std::optional<Finding> WhyNotEligible(int64_t enterprise_id, std::span<const ContactFacts> history,
                                      std::span<const QuietPeriod> quiet, const PlanWindow& window,
                                      const RuleSettings& settings, const DepartmentNames& department_names = {});

}  // namespace zhitong::contacts
