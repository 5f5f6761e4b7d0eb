// The contacts service on both backends: the 无事不扰 rules as registered (the 2nd inspection
// passes, the 3rd needs a justification; quiet period first and last days; a joint inspection
// counted once), scopes per role, the 扰企 report becoming a complaint request, ratings, audit,
// and random inspection plans drawn from the eligible pool and verifiable from what is published.
#include "contacts_service/contacts_service.h"

#include <gtest/gtest.h>

#include "contacts/plan_check.h"
#include "requests_service/service_test_util.h"

namespace zhitong::contacts_service {
namespace {

using access::Role;
using contacts::Kind;
using requests_service::testing::At;
using requests_service::testing::BackendName;
using requests_service::testing::MakeActor;
using storage::Dialect;

class ContactsServiceTest : public requests_service::testing::ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // A liaison serving enterprise 1, and three inspectors of the 人社局 (department 1).
    auto st = db_->Write([](storage::Tx& tx) -> Result<void> {
      ZT_TRY(tx.Exec(storage::Sql(
          "INSERT INTO officials (id, name, rank, region_id, department_id, active_from, created_at, updated_at) VALUES"
          " (2, '李联络', 'district', 2, NULL, '2024-01-01', 0, 0),"
          " (3, '检查员甲', 'district', 1, 1, '2024-01-01', 0, 0),"
          " (4, '检查员乙', 'district', 1, 1, '2024-01-01', 0, 0),"
          " (5, '检查员丙', 'district', 1, 1, '2024-01-01', 0, 0),"
          " (6, '已离任', 'district', 1, 1, '2020-01-01', 0, 0)")));
      ZT_TRY(tx.Exec(storage::Sql("UPDATE officials SET active_to = '2024-12-31' WHERE id = 6")));
      ZT_TRY(tx.Exec(storage::Sql(
          "INSERT INTO users (id, login, display_name, role, password_hash, official_id, department_id, enterprise_id,"
          " created_at, updated_at, password_changed_at) VALUES (11, 'liaison', '李联络', 'liaison', 'x', 2, NULL, NULL,"
          " 0, 0, 0)")));
      ZT_TRY(tx.Exec(storage::Sql("INSERT INTO liaison_assignments (official_id, enterprise_id, started_at, created_at)"
                                  " VALUES (2, 1, 0, 0)")));
      return Ok();
    });
    ASSERT_TRUE(st) << st.error().ToString();
    liaison_ = MakeActor(11, Role::kLiaison);
    liaison_.official_id = 2;
    contacts_ = std::make_unique<ContactsService>(*db_, clock_, contacts::RuleSettings{}, *service_);
  }
  void TearDown() override {
    contacts_.reset();
    ServiceTest::TearDown();
  }

  ContactInput Visit(int64_t enterprise, const std::string& when, Kind kind = Kind::kVisit) {
    ContactInput in;
    in.enterprise_id = enterprise;
    in.kind = kind;
    in.purpose = "了解企业用工需求";
    if (kind == Kind::kInspection) in.legal_basis = "《安全生产法》第六十五条";
    in.started_at = At(when);
    in.duration_minutes = 60;
    return in;
  }
  Contact MustRegister(const access::Actor& who, const ContactInput& in) {
    auto c = contacts_->Register(who, in);
    EXPECT_TRUE(c) << c.error().ToString();
    return c ? *c : Contact{};
  }

  access::Actor liaison_;
  std::unique_ptr<ContactsService> contacts_;
};

TEST_P(ContactsServiceTest, SecondInspectionPassesThirdNeedsAJustificationAndIsFlagged) {
  MustRegister(hr_, Visit(1, "2025-02-10T10:00:00", Kind::kInspection));
  auto second = MustRegister(hr_, Visit(1, "2025-05-10T10:00:00", Kind::kInspection));
  EXPECT_FALSE(second.flagged);
  auto third = contacts_->Register(hr_, Visit(1, "2025-08-10T10:00:00", Kind::kInspection));
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, "contact.rule_violation");
  ASSERT_EQ(third.error().fields.size(), 1u);
  EXPECT_EQ(third.error().fields[0].field, "inspection_cap");
  EXPECT_NE(third.error().message_zh.find("市人社局"), std::string::npos) << third.error().message_zh;
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM contacts"), 2);

  auto in = Visit(1, "2025-08-10T10:00:00", Kind::kInspection);
  in.justification = "群众举报存在重大安全隐患，须立即检查";
  auto justified = MustRegister(hr_, in);
  EXPECT_TRUE(justified.flagged);
  ASSERT_EQ(justified.violations.size(), 1u);
  EXPECT_EQ(justified.violations[0].count, 3);
  EXPECT_EQ(justified.justification, in.justification);

  auto flagged = contacts_->Flagged(city_leader_, {});
  ASSERT_TRUE(flagged) << flagged.error().ToString();
  ASSERT_EQ(flagged->total, 1);
  EXPECT_EQ(flagged->items[0].id, justified.id);
  EXPECT_FALSE(contacts_->Flagged(hr_, {}));  // handlers do not read the leaders' list
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'contact' AND action = 'create'"), 3);
  // The next calendar year starts again from zero.
  EXPECT_FALSE(MustRegister(hr_, Visit(1, "2026-01-01T00:00:00", Kind::kInspection)).flagged);
}

TEST_P(ContactsServiceTest, QuietPeriodFirstAndLastDaysAreQuiet) {
  QuietPeriodInput q{1, *ParseDate("2025-03-10"), *ParseDate("2025-03-20"), "年度检修"};
  // Asked for by the enterprise: pending, no effect until approved.
  auto asked = contacts_->RequestQuietPeriod(ent1_, q);
  ASSERT_TRUE(asked) << asked.error().ToString();
  EXPECT_EQ(asked->period.status, contacts::QuietStatus::kPending);
  EXPECT_TRUE(contacts_->Register(hr_, Visit(1, "2025-03-15T10:00:00")));
  EXPECT_FALSE(contacts_->RequestQuietPeriod(ent2_, q));  // not its own enterprise
  EXPECT_FALSE(contacts_->DecideQuietPeriod(ent1_, asked->period.id, true, ""));
  auto approved = contacts_->DecideQuietPeriod(admin_, asked->period.id, true, "同意");
  ASSERT_TRUE(approved) << approved.error().ToString();
  EXPECT_EQ(approved->period.status, contacts::QuietStatus::kApproved);
  auto again = contacts_->DecideQuietPeriod(admin_, asked->period.id, false, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "quiet_period.already_decided");

  struct Case {
    const char* when;
    bool violates;
  } cases[] = {{"2025-03-09T22:00:00", false},  // 60 minutes: ends at 23:00 the day before
               {"2025-03-10T00:00:00", true},
               {"2025-03-20T23:00:00", true},
               {"2025-03-21T00:00:00", false}};
  for (const auto& c : cases) {
    auto r = contacts_->Register(hr_, Visit(1, c.when));
    EXPECT_EQ(!r, c.violates) << c.when;
    if (!r) {
      EXPECT_EQ(r.error().code, "contact.rule_violation");
      EXPECT_EQ(r.error().fields.at(0).field, "quiet_period");
    }
  }
  // A call is not on site; another enterprise is not in the period.
  EXPECT_TRUE(contacts_->Register(hr_, Visit(1, "2025-03-15T10:00:00", Kind::kCall)));
  EXPECT_TRUE(contacts_->Register(hr_, Visit(2, "2025-03-15T10:00:00")));
  auto list = contacts_->QuietPeriods(ent1_, std::nullopt, std::nullopt);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 1u);
  EXPECT_TRUE(contacts_->QuietPeriods(ent2_, std::nullopt, std::nullopt)->empty());
}

TEST_P(ContactsServiceTest, JointInspectionCountsOnceForTheEnterprise) {
  auto joint = Visit(1, "2025-02-10T10:00:00", Kind::kInspection);
  joint.department_ids = std::vector<int64_t>{1, 2};
  auto c = MustRegister(hr_, joint);
  EXPECT_EQ(c.department_ids, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(c.department_names, (std::vector<std::string>{"市人社局", "市工信局"}));
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM contacts WHERE enterprise_id = 1 AND kind = 'inspection'"), 1);
  // For department 2 the joint inspection was its first: its second passes, its third does not.
  MustRegister(gx_, Visit(1, "2025-04-10T10:00:00", Kind::kInspection));
  auto third = contacts_->Register(gx_, Visit(1, "2025-06-10T10:00:00", Kind::kInspection));
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().fields.at(0).field, "inspection_cap");
  // A handler registers only with their own department in it.
  auto other = Visit(1, "2025-06-10T10:00:00", Kind::kInspection);
  other.department_ids = std::vector<int64_t>{3};
  EXPECT_EQ(contacts_->Register(gx_, other).error().code, "contact.not_allowed");
}

TEST_P(ContactsServiceTest, PurposeAndLegalBasisAreRequired) {
  auto in = Visit(1, "2025-02-10T10:00:00", Kind::kInspection);
  in.purpose = "  ";
  in.legal_basis = "";
  auto r = contacts_->Register(hr_, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "input.invalid");
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "purpose");
  EXPECT_EQ(r.error().fields[1].field, "legal_basis");
  in = Visit(99, "2025-02-10T10:00:00");
  EXPECT_EQ(contacts_->Register(hr_, in).error().fields.at(0).field, "enterprise_id");
}

TEST_P(ContactsServiceTest, EachRoleRegistersAndReadsOnlyItsOwn) {
  auto by_liaison = MustRegister(liaison_, Visit(1, "2025-02-10T10:00:00"));
  EXPECT_EQ(by_liaison.official_id, 2);
  EXPECT_EQ(by_liaison.official_name, "李联络");
  EXPECT_EQ(contacts_->Register(liaison_, Visit(3, "2025-02-10T10:00:00")).error().code, "contact.not_allowed");
  auto in = Visit(1, "2025-02-10T10:00:00");
  in.official_id = 1;  // someone else
  EXPECT_EQ(contacts_->Register(liaison_, in).error().code, "contact.not_allowed");
  auto by_gx = MustRegister(gx_, Visit(2, "2025-02-11T10:00:00"));
  auto in_zichuan = MustRegister(hr_, Visit(3, "2025-02-12T10:00:00"));
  EXPECT_EQ(contacts_->Register(district_leader_, Visit(3, "2025-02-12T10:00:00")).error().code, "contact.not_allowed");
  for (const auto* who : {&ent1_, &citizen_, &dispatcher_}) {
    EXPECT_EQ(contacts_->Register(*who, Visit(1, "2025-02-12T10:00:00")).error().code, "contact.not_allowed");
  }

  auto ids = [&](const access::Actor& who) {
    std::vector<int64_t> out;
    auto list = contacts_->List(who, {});
    EXPECT_TRUE(list) << list.error().ToString();
    if (list) {
      for (const auto& c : list->items) out.push_back(c.id);
      EXPECT_EQ(list->total, static_cast<int64_t>(out.size()));
    }
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(ids(ent1_), (V{by_liaison.id}));
  EXPECT_EQ(ids(ent2_), (V{by_gx.id}));
  EXPECT_EQ(ids(liaison_), (V{by_liaison.id}));
  EXPECT_EQ(ids(gx_), (V{by_gx.id}));
  EXPECT_EQ(ids(district_leader_), (V{by_gx.id, by_liaison.id}));  // region 2, newest first
  EXPECT_EQ(ids(city_leader_), (V{in_zichuan.id, by_gx.id, by_liaison.id}));
  EXPECT_EQ(ids(admin_).size(), 3u);
  EXPECT_FALSE(contacts_->List(citizen_, {}));
  EXPECT_EQ(contacts_->Get(ent2_, by_liaison.id).error().code, "contact.not_found");
  EXPECT_TRUE(contacts_->Get(ent1_, by_liaison.id));
  ContactFilter f;
  f.enterprise_id = 1;
  EXPECT_TRUE(contacts_->List(ent2_, f)->items.empty());
}

TEST_P(ContactsServiceTest, TheEnterpriseRatesAndReportsANeedlessContactAsAComplaint) {
  auto c = MustRegister(hr_, Visit(1, "2025-02-10T10:00:00"));
  auto rated = contacts_->Rate(ent1_, c.id, requests::RatingLevel::kDissatisfied, "无实质内容");
  ASSERT_TRUE(rated) << rated.error().ToString();
  ASSERT_TRUE(rated->rating);
  EXPECT_EQ(rated->rating->level, requests::RatingLevel::kDissatisfied);
  EXPECT_EQ(contacts_->Rate(hr_, c.id, requests::RatingLevel::kSatisfied, "").error().code, "contact.not_allowed");
  EXPECT_EQ(contacts_->Rate(ent2_, c.id, requests::RatingLevel::kSatisfied, "").error().code, "contact.not_found");

  EXPECT_EQ(contacts_->Report(ent1_, c.id, " ").error().code, "input.invalid");
  auto report = contacts_->Report(ent1_, c.id, "同一事项一周内第三次上门，影响生产");
  ASSERT_TRUE(report) << report.error().ToString();
  const auto& request = report->request.stored.request;
  EXPECT_EQ(request.kind, requests::Kind::kComplaint);
  EXPECT_EQ(request.category_code, "needless_contact");
  EXPECT_EQ(request.enterprise_id, std::optional<std::string>("1"));
  ASSERT_TRUE(report->contact.report);
  EXPECT_EQ(report->contact.report->request_id, report->request.stored.id);
  // The complaint is an ordinary request the enterprise follows like any other.
  EXPECT_TRUE(service_->Get(ent1_, report->request.stored.id));
  auto twice = contacts_->Report(ent1_, c.id, "再次投诉");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "contact.already_reported");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM requests WHERE kind = 'complaint'"), 1);
  EXPECT_EQ(contacts_->Report(ent2_, c.id, "不是我的").error().code, "contact.not_found");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'contact' AND action IN ('rate', 'report')"), 2);
}

TEST_P(ContactsServiceTest, ALinkedRequestMustBeVisibleAndOfTheSameEnterprise) {
  auto mine = SubmitAt(ent1_, Input("招工困难"), At("2025-02-01T09:00:00"));
  auto theirs = SubmitAt(ent2_, Input("用电"), At("2025-02-01T09:00:00"));
  auto in = Visit(1, "2025-02-10T10:00:00");
  in.department_ids = std::vector<int64_t>{1};  // an admin names who made the contact
  in.request_id = mine.stored.id;
  auto linked = contacts_->Register(admin_, in);
  ASSERT_TRUE(linked) << linked.error().ToString();
  EXPECT_EQ(linked->request_id, mine.stored.id);
  in.request_id = theirs.stored.id;
  EXPECT_EQ(contacts_->Register(admin_, in).error().fields.at(0).field, "request_id");
  in.request_id = mine.stored.id;  // not routed to the 人社局: its handler cannot see it
  in.department_ids.reset();
  EXPECT_EQ(contacts_->Register(hr_, in).error().fields.at(0).field, "request_id");
}

TEST_P(ContactsServiceTest, HighFrequencyIsAWarningThatNeedsNoJustification) {
  contacts::RuleSettings s;
  s.high_frequency_threshold = 2;
  s.high_frequency_days = 7;
  ContactsService strict(*db_, clock_, s, *service_);
  EXPECT_FALSE(strict.Register(hr_, Visit(1, "2025-02-10T10:00:00", Kind::kCall))->flagged);
  EXPECT_FALSE(strict.Register(hr_, Visit(1, "2025-02-11T10:00:00", Kind::kCall))->flagged);
  auto third = strict.Register(hr_, Visit(1, "2025-02-16T10:00:00", Kind::kCall));
  ASSERT_TRUE(third) << third.error().ToString();
  EXPECT_TRUE(third->flagged);
  ASSERT_EQ(third->warnings.size(), 1u);
  EXPECT_EQ(third->warnings[0].rule, contacts::Rule::kHighFrequency);
  // On 02-18 the window is 02-12 … 02-18: 02-16 and 02-18 only.
  EXPECT_FALSE(strict.Register(hr_, Visit(1, "2025-02-18T10:00:00", Kind::kCall))->flagged);
}

TEST_P(ContactsServiceTest, PlanDrawsOnlyEligibleEnterprisesAndVerifiesFromWhatIsPublished) {
  // Enterprise 1: the 人社局 has inspected it twice this year (at its cap). Enterprise 2: quiet.
  MustRegister(hr_, Visit(1, "2025-02-10T10:00:00", Kind::kInspection));
  MustRegister(hr_, Visit(1, "2025-03-10T10:00:00", Kind::kInspection));
  ASSERT_TRUE(contacts_->RequestQuietPeriod(admin_, {2, *ParseDate("2025-06-20"), *ParseDate("2025-07-10"), "停产检修"}));
  PlanInput in;
  in.title = "2025 年第三季度劳动保障联合检查";
  in.department_ids = {1};
  in.starts_on = *ParseDate("2025-07-01");
  in.ends_on = *ParseDate("2025-09-30");
  in.target_count = 2;
  in.seed = "zibo-2025-q3";
  EXPECT_FALSE(contacts_->CreatePlan(hr_, in));
  auto plan = contacts_->CreatePlan(admin_, in);
  ASSERT_TRUE(plan) << plan.error().ToString();
  const auto& doc = plan->document;
  ASSERT_EQ(doc["pool"].size(), 1u);
  EXPECT_EQ(doc["pool"][0]["key"], "91370302MA3C00003C");
  ASSERT_EQ(doc["excluded"].size(), 2u);
  EXPECT_EQ(doc["roster"].size(), 3u);  // officials 3, 4, 5; 6 left office in 2024
  ASSERT_EQ(doc["draw"]["targets"].size(), 1u);
  EXPECT_EQ(doc["draw"]["targets"][0]["key"], "91370302MA3C00003C");

  auto parsed = contacts::ParsePublishedPlan(ToJson(*plan));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  auto report = contacts::VerifyPublishedPlan(*parsed);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->match) << report->difference;

  EXPECT_TRUE(contacts_->PublishedPlans()->empty());
  EXPECT_EQ(contacts_->GetPublishedPlan(plan->id).error().code, "inspection_plan.not_found");
  ASSERT_TRUE(contacts_->PublishPlan(admin_, plan->id));
  EXPECT_EQ(contacts_->PublishPlan(admin_, plan->id).error().code, "inspection_plan.already_published");
  ASSERT_EQ(contacts_->PublishedPlans()->size(), 1u);

  // The inspection made under the plan is its published result.
  auto done = Visit(3, "2025-07-15T10:00:00", Kind::kInspection);
  done.plan_id = plan->id;
  done.outcome = "未发现问题";
  MustRegister(hr_, done);
  auto visit_other = Visit(1, "2025-07-15T10:00:00", Kind::kInspection);
  visit_other.plan_id = plan->id;
  visit_other.justification = "x";
  EXPECT_EQ(contacts_->Register(hr_, visit_other).error().fields.at(0).field, "plan_id");
  auto published = contacts_->GetPublishedPlan(plan->id);
  ASSERT_TRUE(published);
  EXPECT_EQ(published->document["draw"]["targets"][0]["result"]["outcome"], "未发现问题");

  in.roster = std::vector<int64_t>{3};
  EXPECT_EQ(contacts_->CreatePlan(admin_, in).error().fields.at(0).field, "roster");
}

TEST_P(ContactsServiceTest, LastContactTimesIsTheLatestPerEnterprise) {
  MustRegister(hr_, Visit(1, "2025-02-10T10:00:00"));
  MustRegister(hr_, Visit(1, "2025-01-10T10:00:00"));
  MustRegister(hr_, Visit(2, "2025-03-10T10:00:00"));
  auto last = db_->ReadValue([](storage::Tx& tx) { return LastContactTimes(tx); });
  ASSERT_TRUE(last) << last.error().ToString();
  EXPECT_EQ(last->size(), 2u);
  EXPECT_EQ(last->at(1), At("2025-02-10T10:00:00"));
  EXPECT_EQ(last->at(2), At("2025-03-10T10:00:00"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ContactsServiceTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::contacts_service
