// Who sees which requests: every read is scoped by role, and a request outside the scope is not
// found (not forbidden), so ids cannot be probed. Also the list's filters, sort and paging.
#include <gtest/gtest.h>

#include <set>

#include "requests_service/request_service.h"
#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

using requests::Action;
using requests::Status;

class RequestScopeTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = SubmitAt(ent1_, Input("招工难，缺少熟练技工"), At("2025-03-03T09:00:00")).stored.id;
    b_ = SubmitAt(ent2_, Input("融资难，贷款审批慢", "finance"), At("2025-03-03T10:00:00")).stored.id;
    c_ = SubmitAt(ent3_, Input("用电报装慢", "power"), At("2025-03-03T11:00:00")).stored.id;
    d_ = SubmitAt(citizen_, Input("噪音扰民", "other"), At("2025-03-03T12:00:00")).stored.id;
    for (int64_t id : {a_, b_}) {
      ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2025-03-03T13:00:00")));
    }
    ActInput to_hr;
    to_hr.department_id = 1;
    ASSERT_TRUE(Do(dispatcher_, a_, Action::kRoute, At("2025-03-03T14:00:00"), to_hr));
    ActInput to_gx;
    to_gx.department_id = 2;
    ASSERT_TRUE(Do(dispatcher_, b_, Action::kRoute, At("2025-03-03T14:00:00"), to_gx));
  }

  std::set<int64_t> Visible(const access::Actor& who, ListFilter f = {}) {
    auto list = service_->List(who, f);
    EXPECT_TRUE(list) << list.error().ToString();
    std::set<int64_t> out;
    if (!list) return out;
    for (const auto& v : list->items) out.insert(v.stored.id);
    EXPECT_EQ(static_cast<int64_t>(out.size()), list->total);
    return out;
  }

  int64_t a_ = 0, b_ = 0, c_ = 0, d_ = 0;
};

TEST_P(RequestScopeTest, EnterpriseSeesOnlyItsOwnAndOthersAreNotFound) {
  EXPECT_EQ(Visible(ent1_), (std::set<int64_t>{a_}));
  auto other = service_->Get(ent1_, b_);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(other.error().code, "request.not_found");
  EXPECT_EQ(service_->Events(ent1_, b_).error().kind, ErrorKind::kNotFound);
  ActInput withdraw;
  withdraw.version = 3;
  withdraw.action = Action::kWithdraw;
  EXPECT_EQ(service_->Act(ent1_, b_, withdraw).error().kind, ErrorKind::kNotFound);
}

TEST_P(RequestScopeTest, HandlerSeesOnlyTheDepartmentQueueIncludingCoHandling) {
  EXPECT_EQ(Visible(hr_), (std::set<int64_t>{a_}));
  EXPECT_EQ(Visible(gx_), (std::set<int64_t>{b_}));
  EXPECT_EQ(service_->Get(hr_, b_).error().kind, ErrorKind::kNotFound);
  ASSERT_TRUE(Do(hr_, a_, Action::kSign, At("2025-03-04T09:00:00")));
  ActInput cohandle;
  cohandle.department_id = 2;
  ASSERT_TRUE(Do(hr_, a_, Action::kAddCohandler, At("2025-03-04T09:10:00"), cohandle));
  EXPECT_EQ(Visible(gx_), (std::set<int64_t>{a_, b_}));
  // A co-handler reads but does not act for the handling department.
  EXPECT_TRUE(service_->Get(gx_, a_)->allowed_actions.empty());
  ActInput transfer;
  transfer.department_id = 2;
  transfer.note = "属工信局职责";
  ASSERT_TRUE(Do(hr_, a_, Action::kTransfer, At("2025-03-04T10:00:00"), transfer));
  EXPECT_EQ(Visible(hr_), (std::set<int64_t>{}));
  EXPECT_EQ(Visible(gx_), (std::set<int64_t>{a_, b_}));
}

TEST_P(RequestScopeTest, LeadersSeeTheirRegionOrTheCity) {
  EXPECT_EQ(Visible(district_leader_), (std::set<int64_t>{a_, b_}));  // 张店区 enterprises
  EXPECT_EQ(service_->Get(district_leader_, c_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(Visible(city_leader_), (std::set<int64_t>{a_, b_, c_, d_}));
  EXPECT_EQ(Visible(dispatcher_), (std::set<int64_t>{a_, b_, c_, d_}));
  EXPECT_TRUE(service_->Get(city_leader_, c_)->allowed_actions.empty());
}

TEST_P(RequestScopeTest, CitizensSeeTheirOwnOnly) {
  EXPECT_EQ(Visible(citizen_), (std::set<int64_t>{d_}));
  EXPECT_FALSE(service_->Get(citizen_, a_));
}

TEST_P(RequestScopeTest, LiaisonWithoutAssignmentsSeesNothing) {
  access::Actor liaison = MakeActor(9, access::Role::kLiaison);
  liaison.official_id = 1;
  EXPECT_EQ(Visible(liaison), (std::set<int64_t>{}));
}

TEST_P(RequestScopeTest, FiltersSortAndPaging) {
  ListFilter routed;
  routed.status = Status::kRouted;
  EXPECT_EQ(Visible(admin_, routed), (std::set<int64_t>{a_, b_}));
  ListFilter dept;
  dept.department_id = 2;
  EXPECT_EQ(Visible(admin_, dept), (std::set<int64_t>{b_}));
  ListFilter region;
  region.region_id = 3;
  EXPECT_EQ(Visible(admin_, region), (std::set<int64_t>{c_}));
  ListFilter category;
  category.category_code = "finance";
  EXPECT_EQ(Visible(admin_, category), (std::set<int64_t>{b_}));
  ListFilter enterprise;
  enterprise.enterprise_id = 1;
  EXPECT_EQ(Visible(admin_, enterprise), (std::set<int64_t>{a_}));
  ListFilter text;
  text.q = "融资";
  EXPECT_EQ(Visible(admin_, text), (std::set<int64_t>{b_}));
  ListFilter percent;
  percent.q = "100%";
  EXPECT_EQ(Visible(admin_, percent), (std::set<int64_t>{}));
  ListFilter window;
  window.from = At("2025-03-03T10:00:00");
  window.to = At("2025-03-03T12:00:00");
  EXPECT_EQ(Visible(admin_, window), (std::set<int64_t>{b_, c_}));

  ListFilter page;
  page.limit = 2;
  page.offset = 1;
  auto list = service_->List(admin_, page);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, 4);
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].stored.id, c_);  // newest first: d, c, b, a
  EXPECT_EQ(list->items[1].stored.id, b_);

  ListFilter by_due;
  by_due.sort = ListSort::kDueAsc;
  list = service_->List(admin_, by_due);
  ASSERT_TRUE(list);
  // c and d wait to be accepted (due 4 March 11:00 and 12:00); a and b to be signed (due 4 March 14:00).
  ASSERT_EQ(list->items.size(), 4u);
  EXPECT_EQ(list->items[0].stored.id, c_);
  EXPECT_EQ(list->items[1].stored.id, d_);

  clock_.Set(At("2025-03-04T11:30:00"));
  ListFilter overdue;
  overdue.overdue = true;
  EXPECT_EQ(Visible(admin_, overdue), (std::set<int64_t>{c_}));
}

// A department's list is read as two halves (the requests it handles, those it co-handles) merged
// in the page's order: every sort, every page of two, as the handler and as the admin's filter,
// gives exactly the department's requests in the order the undivided list gives them.
TEST_P(RequestScopeTest, DepartmentListsMergeHandledAndCoHandledInEveryOrderAndPage) {
  std::set<int64_t> of_gx = {b_};
  Instant t = At("2025-03-05T09:00:00");
  for (int i = 0; i < 7; ++i) {
    t += std::chrono::minutes(37 * (i + 1));
    const int64_t id = SubmitAt(ent1_, Input("第" + std::to_string(i) + "件"), t).stored.id;
    ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, t + std::chrono::minutes(1)));
    ActInput route;
    route.department_id = i % 3 == 0 ? 2 : 1;
    ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, t + std::chrono::minutes(2), route));
    if (i % 3 == 0) {
      of_gx.insert(id);
      continue;
    }
    if (i % 2 == 0) continue;
    // Signed (a new due time) and co-handled by department 2.
    ASSERT_TRUE(Do(hr_, id, Action::kSign, t + std::chrono::minutes(3)));
    ActInput cohandle;
    cohandle.department_id = 2;
    ASSERT_TRUE(Do(hr_, id, Action::kAddCohandler, t + std::chrono::minutes(4), cohandle));
    of_gx.insert(id);
  }
  ASSERT_GE(of_gx.size(), 5u);
  auto ids = [&](const access::Actor& who, ListFilter f) {
    auto list = service_->List(who, f);
    EXPECT_TRUE(list) << list.error().ToString();
    std::vector<int64_t> out;
    if (!list) return out;
    EXPECT_FALSE(list->total_capped);
    for (const auto& v : list->items) out.push_back(v.stored.id);
    return out;
  };
  for (ListSort sort : {ListSort::kSubmittedDesc, ListSort::kSubmittedAsc, ListSort::kDueAsc, ListSort::kDueDesc}) {
    ListFilter all;
    all.sort = sort;
    all.limit = 100;
    std::vector<int64_t> expected;
    for (int64_t id : ids(admin_, all)) {
      if (of_gx.count(id)) expected.push_back(id);
    }
    ASSERT_EQ(expected.size(), of_gx.size());
    ListFilter by_department = all;
    by_department.department_id = 2;
    for (const auto* who : {&admin_, &gx_}) {
      ListFilter f = who == &admin_ ? by_department : all;
      EXPECT_EQ(ids(*who, f), expected) << "sort " << static_cast<int>(sort);
      std::vector<int64_t> paged;
      for (int offset = 0; offset < 10; offset += 2) {
        f.limit = 2;
        f.offset = offset;
        auto page = service_->List(*who, f);
        ASSERT_TRUE(page);
        EXPECT_EQ(page->total, static_cast<int64_t>(of_gx.size()));
        for (const auto& v : page->items) paged.push_back(v.stored.id);
      }
      EXPECT_EQ(paged, expected) << "sort " << static_cast<int>(sort);
    }
  }
  // The handler's own scope and another department's filter: nothing of department 1 that
  // department 2 does not co-handle.
  ListFilter other;
  other.department_id = 1;
  for (int64_t id : ids(gx_, other)) EXPECT_TRUE(of_gx.count(id)) << id;
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestScopeTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres), BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
