// Administrators' edits of the catalogue and the calendar in the requests service, on both
// backends: a request keeps the deadline policy it was filed under; a refused edit writes
// nothing; a saved calendar year recounts the stored due times of open requests; a second
// service on the same database notices the change and reloads.
#include <gtest/gtest.h>

#include <set>

#include "requests_service/request_service.h"
#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

using requests::Action;

class CatalogueTest : public ServiceTest {
 protected:
  CalendarYearView Year(int year) {
    auto v = service_->CalendarYear(hr_, year);
    EXPECT_TRUE(v) << v.error().ToString();
    return v ? *v : CalendarYearView{};
  }
  // The stored current due instant of a request (what lists and the scheduler read).
  int64_t StoredDue(int64_t id) {
    return Count("SELECT current_due_at AS n FROM requests WHERE id = " + std::to_string(id));
  }
};

TEST_P(CatalogueTest, ARequestKeepsThePolicyItWasFiledUnder) {
  const int64_t old_id = SubmitAt(ent1_, Input("停电", "power"), At("2025-03-03T09:00:00")).stored.id;
  CategoryEdit longer;
  longer.reply_days = 10;
  auto saved = service_->SaveCategory(admin_, "power", longer, /*create=*/false);
  ASSERT_TRUE(saved) << saved.error().ToString();
  const int64_t new_id = SubmitAt(ent1_, Input("电压不稳", "power"), At("2025-03-03T09:00:00")).stored.id;
  for (int64_t id : {old_id, new_id}) {
    ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2025-03-03T09:10:00")));
    ActInput route;
    route.department_id = 3;
    ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, At("2025-03-03T09:20:00"), route));
  }
  // power was 3 working days: Thursday; the new policy, 10 working days: Monday 17 March.
  EXPECT_EQ(Local(service_->Get(admin_, old_id)->deadlines.reply_due), "2025-03-06T09:20:00+08:00");
  EXPECT_EQ(Local(service_->Get(admin_, new_id)->deadlines.reply_due), "2025-03-17T09:20:00+08:00");
}

TEST_P(CatalogueTest, RefusedEditsWriteNothing) {
  CategoryEdit bad;
  bad.name = "";
  bad.reply_days = 0;
  bad.department_id = std::optional<int64_t>(99);
  auto refused = service_->SaveCategory(admin_, "gas", bad, /*create=*/true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "input.invalid");
  std::set<std::string> fields;
  for (const auto& f : refused.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "reply_days", "department_id"}));
  CategoryEdit blank;
  blank.name = " \xE3\x80\x80 ";  // spaces, one of them full-width (全角)
  auto unnamed = service_->SaveCategory(admin_, "gas", blank, /*create=*/true);
  ASSERT_FALSE(unnamed);
  ASSERT_EQ(unnamed.error().fields.size(), 1u);
  EXPECT_EQ(unnamed.error().fields[0].field, "name");
  CategoryEdit fine;
  fine.name = "燃气";
  EXPECT_EQ(service_->SaveCategory(dispatcher_, "gas", fine, true).error().code, "access.forbidden");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM categories WHERE code = 'gas'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'category'"), 0);

  const size_t listed = Year(2025).days.size();
  CalendarYearInput wrong;
  wrong.days = {{"2025-03-05", "workday", "", ""}, {"2025-03-04", "holiday", "", ""}, {"2025-03-04", "holiday", "", ""}};
  auto no = service_->PutCalendarYear(admin_, 2025, wrong);
  ASSERT_FALSE(no);
  fields.clear();
  for (const auto& f : no.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"days[0].kind", "days[2].date"}));
  EXPECT_EQ(Year(2025).days.size(), listed);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'calendar_year'"), 0);
}

TEST_P(CatalogueTest, ASavedYearRecountsOpenRequestsAndAnotherServiceReloads) {
  const auto id = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00")).stored.id;
  EXPECT_EQ(StoredDue(id), ToUnixMillis(At("2025-03-04T09:00:00")));
  // A second service on the same database, as a second server would be.
  auto other = RequestService::Open(*db_, clock_);
  ASSERT_TRUE(other) << other.error().ToString();
  EXPECT_FALSE(*(*other)->RefreshCalendarIfChanged());

  CalendarYearInput in;
  in.days = Year(2025).days;
  in.days.push_back({"2025-03-04", "holiday", "测试假日", "Test holiday"});
  in.source = "测试";
  auto saved = service_->PutCalendarYear(admin_, 2025, in);
  ASSERT_TRUE(saved) << saved.error().ToString();
  EXPECT_EQ(StoredDue(id), ToUnixMillis(At("2025-03-05T09:00:00")));
  EXPECT_TRUE(service_->Calendar()->Describe(*ParseDate("2025-03-04")).reason == calendar::DayReason::kHoliday);

  EXPECT_EQ((*other)->Calendar()->IsWorkingDay(*ParseDate("2025-03-04")), true);
  auto reloaded = (*other)->RefreshCalendarIfChanged();
  ASSERT_TRUE(reloaded) << reloaded.error().ToString();
  EXPECT_TRUE(*reloaded);
  EXPECT_EQ((*other)->Calendar()->IsWorkingDay(*ParseDate("2025-03-04")), false);
  EXPECT_FALSE(*(*other)->RefreshCalendarIfChanged());
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'calendar_year'"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogueTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
