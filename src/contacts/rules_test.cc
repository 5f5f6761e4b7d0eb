// 无事不扰 rules at their boundaries: the 2nd inspection passes and the 3rd needs a
// justification; the first and last day of a quiet period (in Shanghai time) are quiet and the
// days around them are not; a joint inspection counts once for the enterprise.
#include "contacts/rules.h"

#include <gtest/gtest.h>

namespace zhitong::contacts {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr int64_t kEnterprise = 7;
constexpr int64_t kDeptA = 11, kDeptB = 12, kDeptC = 13;

Instant At(const char* text) { return *ParseTimestamp(text); }
Date D(int y, unsigned m, unsigned d) { return Date{year(y), month(m), day(d)}; }

ContactFacts Contact(Kind kind, const char* when, std::vector<int64_t> depts = {kDeptA}, int64_t minutes = 60,
                     int64_t enterprise = kEnterprise) {
  static int64_t next_id = 1;
  return {next_id++, enterprise, kind, At(when), minutes, std::move(depts)};
}

QuietPeriod Quiet(Date from, Date to, QuietStatus status = QuietStatus::kApproved, int64_t enterprise = kEnterprise) {
  return {1, enterprise, from, to, status, "年终盘点"};
}

bool HasRule(const std::vector<Finding>& f, Rule r) {
  for (const auto& x : f) {
    if (x.rule == r) return true;
  }
  return false;
}

const RuleSettings kDefaults{};

TEST(InspectionCap, SecondPassesThirdNeedsJustification) {
  std::vector<ContactFacts> history;
  auto first = Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00");
  EXPECT_TRUE(Assess(first, history, {}, kDefaults).violations.empty());
  history.push_back(first);
  auto second = Contact(Kind::kInspection, "2025-06-01T10:00:00+08:00");
  EXPECT_TRUE(Assess(second, history, {}, kDefaults).violations.empty());
  history.push_back(second);
  auto third = Contact(Kind::kInspection, "2025-09-01T10:00:00+08:00");
  auto a = Assess(third, history, {}, kDefaults, {{kDeptA, "市场监管局"}});
  ASSERT_EQ(a.violations.size(), 1u);
  const Finding& f = a.violations[0];
  EXPECT_EQ(f.rule, Rule::kInspectionCap);
  EXPECT_EQ(f.department_id, kDeptA);
  EXPECT_EQ(f.count, 3);
  EXPECT_EQ(f.limit, 2);
  EXPECT_EQ(f.message.rfind("inspection cap:", 0), 0u) << f.message;
  EXPECT_EQ(f.message_zh.rfind("检查上限：", 0), 0u) << f.message_zh;
  EXPECT_NE(f.message_zh.find("市场监管局"), std::string::npos);
}

TEST(InspectionCap, CountsPerCalendarYearInShanghai) {
  // 2025-12-31T23:30+08:00 is in 2025 and 2025-12-31T16:30Z is 2026-01-01 00:30 in Shanghai.
  std::vector<ContactFacts> history = {Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00"),
                                       Contact(Kind::kInspection, "2025-12-31T23:30:00+08:00")};
  EXPECT_FALSE(Assess(Contact(Kind::kInspection, "2026-01-01T00:00:00+08:00"), history, {}, kDefaults).flagged());
  EXPECT_FALSE(Assess(Contact(Kind::kInspection, "2025-12-31T16:30:00Z"), history, {}, kDefaults).flagged());
  EXPECT_TRUE(HasRule(Assess(Contact(Kind::kInspection, "2025-12-31T15:59:00Z"), history, {}, kDefaults).violations,
                      Rule::kInspectionCap));
}

TEST(InspectionCap, IsPerDepartmentAndPerEnterprise) {
  std::vector<ContactFacts> history = {Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00"),
                                       Contact(Kind::kInspection, "2025-04-01T10:00:00+08:00")};
  // Another department, or another enterprise, is not over the cap.
  EXPECT_TRUE(Assess(Contact(Kind::kInspection, "2025-05-01T10:00:00+08:00", {kDeptB}), history, {}, kDefaults)
                  .violations.empty());
  EXPECT_TRUE(Assess(Contact(Kind::kInspection, "2025-05-01T10:00:00+08:00", {kDeptA}, 60, kEnterprise + 1), history,
                     {}, kDefaults)
                  .violations.empty());
  // Visits, calls and meetings are not inspections and do not count.
  history.push_back(Contact(Kind::kVisit, "2025-04-02T10:00:00+08:00"));
  EXPECT_TRUE(Assess(Contact(Kind::kVisit, "2025-05-01T10:00:00+08:00"), history, {}, kDefaults).violations.empty());
}

TEST(InspectionCap, FollowsTheConfiguredCap) {
  RuleSettings s;
  s.inspection_cap_per_year = 1;
  std::vector<ContactFacts> history = {Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00")};
  EXPECT_TRUE(HasRule(Assess(Contact(Kind::kInspection, "2025-05-01T10:00:00+08:00"), history, {}, s).violations,
                      Rule::kInspectionCap));
  s.inspection_cap_per_year = 3;
  history.push_back(Contact(Kind::kInspection, "2025-04-01T10:00:00+08:00"));
  EXPECT_TRUE(Assess(Contact(Kind::kInspection, "2025-05-01T10:00:00+08:00"), history, {}, s).violations.empty());
}

TEST(JointInspection, CountsOnceForTheEnterpriseAndOnceForEachDepartment) {
  std::vector<ContactFacts> history = {Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00", {kDeptA, kDeptB, kDeptC})};
  EXPECT_EQ(InspectionsOfEnterprise(history, kEnterprise, year(2025)), 1);
  EXPECT_EQ(InspectionsByDepartment(history, kEnterprise, kDeptA, year(2025)), 1);
  EXPECT_EQ(InspectionsByDepartment(history, kEnterprise, kDeptC, year(2025)), 1);
  // A second joint inspection of A and B passes; a third breaks the cap for A and B but not C.
  history.push_back(Contact(Kind::kInspection, "2025-04-01T10:00:00+08:00", {kDeptA, kDeptB}));
  auto a = Assess(Contact(Kind::kInspection, "2025-05-01T10:00:00+08:00", {kDeptA, kDeptB, kDeptC}), history, {},
                  kDefaults);
  ASSERT_EQ(a.violations.size(), 2u);
  EXPECT_EQ(a.violations[0].department_id, kDeptA);
  EXPECT_EQ(a.violations[1].department_id, kDeptB);
  // And for the high-frequency count the joint inspection of three departments is one contact.
  RuleSettings s;
  s.high_frequency_threshold = 2;
  auto b = Assess(Contact(Kind::kCall, "2025-04-02T10:00:00+08:00"), {history.data(), 1}, {}, s);
  EXPECT_TRUE(b.warnings.empty());  // 1 joint inspection + this call = 2 contacts, not 4
}

TEST(JointInspection, ADepartmentListedTwiceIsOneDepartment) {
  std::vector<ContactFacts> history = {Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00"),
                                       Contact(Kind::kInspection, "2025-04-01T10:00:00+08:00")};
  EXPECT_EQ(Assess(Contact(Kind::kInspection, "2025-05-01T10:00:00+08:00", {kDeptA, kDeptA}), history, {}, kDefaults)
                .violations.size(),
            1u);
}

struct QuietCase {
  const char* when;
  Kind kind;
  int64_t minutes;
  bool violates;
};

TEST(QuietPeriod, BoundariesAreTheFirstAndLastShanghaiDays) {
  const std::vector<QuietPeriod> quiet = {Quiet(D(2025, 3, 10), D(2025, 3, 20))};
  const QuietCase cases[] = {
      {"2025-03-09T23:59:00+08:00", Kind::kVisit, 1, false},   // the minute before the first day
      {"2025-03-09T23:00:00+08:00", Kind::kVisit, 60, false},  // ends exactly at midnight
      {"2025-03-09T23:00:00+08:00", Kind::kVisit, 61, true},   // runs into the first day
      {"2025-03-10T00:00:00+08:00", Kind::kVisit, 30, true},   // first day, first minute
      {"2025-03-09T16:00:00Z", Kind::kInspection, 30, true},   // the same instant in UTC
      {"2025-03-15T10:00:00+08:00", Kind::kInspection, 60, true},
      {"2025-03-20T23:59:00+08:00", Kind::kVisit, 1, true},    // last day, last minute
      {"2025-03-21T00:00:00+08:00", Kind::kVisit, 60, false},  // the day after
      {"2025-03-20T16:00:00Z", Kind::kVisit, 60, false},       // the day after, in UTC
      {"2025-03-15T10:00:00+08:00", Kind::kCall, 10, false},   // calls are not on site
      {"2025-03-15T10:00:00+08:00", Kind::kMeeting, 60, false},
  };
  for (const auto& c : cases) {
    auto a = Assess(Contact(c.kind, c.when, {kDeptA}, c.minutes), {}, quiet, kDefaults);
    EXPECT_EQ(HasRule(a.violations, Rule::kQuietPeriod), c.violates)
        << c.when << " " << Name(c.kind) << " " << c.minutes << " min";
  }
}

TEST(QuietPeriod, OnlyApprovedPeriodsOfTheSameEnterpriseCount) {
  for (auto status : {QuietStatus::kPending, QuietStatus::kRejected}) {
    std::vector<QuietPeriod> quiet = {Quiet(D(2025, 3, 10), D(2025, 3, 20), status)};
    EXPECT_FALSE(Assess(Contact(Kind::kVisit, "2025-03-15T10:00:00+08:00"), {}, quiet, kDefaults).flagged());
  }
  std::vector<QuietPeriod> other = {Quiet(D(2025, 3, 10), D(2025, 3, 20), QuietStatus::kApproved, kEnterprise + 1)};
  EXPECT_FALSE(Assess(Contact(Kind::kVisit, "2025-03-15T10:00:00+08:00"), {}, other, kDefaults).flagged());
}

TEST(QuietPeriod, MessageNamesTheRuleInBothLanguages) {
  std::vector<QuietPeriod> quiet = {Quiet(D(2025, 3, 10), D(2025, 3, 20))};
  auto a = Assess(Contact(Kind::kVisit, "2025-03-10T09:00:00+08:00"), {}, quiet, kDefaults);
  ASSERT_EQ(a.violations.size(), 1u);
  EXPECT_EQ(a.violations[0].message.rfind("quiet period:", 0), 0u);
  EXPECT_EQ(a.violations[0].message_zh.rfind("宁静期：", 0), 0u);
  EXPECT_NE(a.violations[0].message.find("2025-03-10 to 2025-03-20"), std::string::npos);
}

TEST(HighFrequency, WarnsAboveTheThresholdWithinTheWindow) {
  RuleSettings s;  // 4 in 30 days
  std::vector<ContactFacts> history;
  // Four contacts on 2025-03-02 … 2025-03-05: the 4th is at the threshold (no warning), the 5th above.
  for (int d = 2; d <= 4; ++d) {
    history.push_back(Contact(Kind::kCall, ("2025-03-0" + std::to_string(d) + "T10:00:00+08:00").c_str()));
  }
  EXPECT_TRUE(Assess(Contact(Kind::kCall, "2025-03-05T10:00:00+08:00"), history, {}, s).warnings.empty());
  history.push_back(Contact(Kind::kCall, "2025-03-05T10:00:00+08:00"));
  auto a = Assess(Contact(Kind::kVisit, "2025-03-31T10:00:00+08:00"), history, {}, s);  // window 03-02 … 03-31
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_EQ(a.warnings[0].rule, Rule::kHighFrequency);
  EXPECT_EQ(a.warnings[0].count, 5);
  EXPECT_EQ(a.warnings[0].limit, 4);
  EXPECT_EQ(a.warnings[0].period_days, 30);
  EXPECT_TRUE(a.violations.empty());  // a warning needs no justification
  // One day later the 03-02 contact has left the window.
  EXPECT_TRUE(Assess(Contact(Kind::kVisit, "2025-04-01T10:00:00+08:00"), history, {}, s).warnings.empty());
}

TEST(DaysSpanned, ZeroDurationIsTheStartDay) {
  auto [a, b] = DaysSpanned(Contact(Kind::kCall, "2025-03-09T23:59:30+08:00", {}, 0));
  EXPECT_EQ(a, D(2025, 3, 9));
  EXPECT_EQ(b, D(2025, 3, 10));  // the minute counted runs past midnight
  auto [c, d] = DaysSpanned(Contact(Kind::kCall, "2025-03-09T10:00:00+08:00", {}, 0));
  EXPECT_EQ(c, d);
}

TEST(Eligibility, QuietPeriodOverlappingThePlanExcludes) {
  PlanWindow w{D(2025, 4, 1), D(2025, 4, 30), {kDeptA}};
  EXPECT_FALSE(WhyNotEligible(kEnterprise, {}, std::vector{Quiet(D(2025, 3, 1), D(2025, 3, 31))}, w, kDefaults));
  auto f = WhyNotEligible(kEnterprise, {}, std::vector{Quiet(D(2025, 3, 1), D(2025, 4, 1))}, w, kDefaults);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->rule, Rule::kQuietPeriod);
  EXPECT_TRUE(WhyNotEligible(kEnterprise, {}, std::vector{Quiet(D(2025, 4, 30), D(2025, 5, 5))}, w, kDefaults));
  EXPECT_FALSE(WhyNotEligible(kEnterprise, {}, std::vector{Quiet(D(2025, 5, 1), D(2025, 5, 5))}, w, kDefaults));
}

TEST(Eligibility, ADepartmentAtItsCapExcludes) {
  PlanWindow w{D(2025, 4, 1), D(2025, 4, 30), {kDeptB, kDeptA}};
  std::vector<ContactFacts> history = {Contact(Kind::kInspection, "2025-03-01T10:00:00+08:00")};
  EXPECT_FALSE(WhyNotEligible(kEnterprise, history, {}, w, kDefaults));  // one more is the 2nd: allowed
  history.push_back(Contact(Kind::kInspection, "2025-03-02T10:00:00+08:00", {kDeptA, kDeptC}));
  auto f = WhyNotEligible(kEnterprise, history, {}, w, kDefaults);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->rule, Rule::kInspectionCap);
  EXPECT_EQ(f->department_id, kDeptA);
  EXPECT_EQ(f->count, 2);
  // Last year's inspections do not count for this year's plan.
  PlanWindow next{D(2026, 1, 5), D(2026, 1, 30), {kDeptA}};
  EXPECT_FALSE(WhyNotEligible(kEnterprise, history, {}, next, kDefaults));
}

}  // namespace
}  // namespace zhitong::contacts
