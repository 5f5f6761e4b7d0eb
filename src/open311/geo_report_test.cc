// Open311 over the requests service on both backends: a submission is one request on the open311
// channel with its extras in the same transaction; callers without a key see only what citizens
// filed through Open311; a key's user sees their own scope.
#include "open311/geo_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "open311/mapping.h"
#include "requests_service/service_test_util.h"

namespace zhitong::open311 {
namespace {

using requests_service::testing::At;
using requests_service::testing::Dialect;
using requests_service::testing::ServiceTest;

class GeoReportTest : public ServiceTest {
 protected:
  nlohmann::json Json(const Result<Node>& r) {
    EXPECT_TRUE(r) << r.error().ToString();
    return r ? nlohmann::json::parse(ToJson(*r)) : nlohmann::json();
  }
  GeoReport& geo() {
    if (!geo_) geo_ = std::make_unique<GeoReport>(*db_, *service_);
    return *geo_;
  }
  std::unique_ptr<GeoReport> geo_;
};

TEST_P(GeoReportTest, SubmissionIsOneRequestWithItsExtrasInOneTransaction) {
  clock_.Set(At("2025-03-03T09:00:00"));
  FormFields form = {{"service_code", "power"}, {"lat", "36.81"}, {"long", "118.05"},
                     {"description", "路口路灯不亮"}, {"account_id", "a-7"}, {"phone", "13900000001"}};
  auto created = Json(geo().Submit(citizen_, form, "rid-1"));
  ASSERT_TRUE(created.is_array());
  const int64_t id = created[0]["service_request_id"];
  EXPECT_EQ(created[0]["account_id"], "a-7");
  auto view = service_->Get(admin_, id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->stored.request.channel, requests::Channel::kOpen311);
  EXPECT_EQ(view->stored.request.title, "路口路灯不亮");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM open311_requests WHERE phone = '13900000001'"), 1);

  // Anyone may read it back, with its coordinates.
  auto got = Json(geo().Request(nullptr, std::to_string(id)));
  EXPECT_EQ(got[0]["status"], "open");
  EXPECT_DOUBLE_EQ(got[0]["lat"].get<double>(), 36.81);
  EXPECT_EQ(got[0]["requested_datetime"], "2025-03-03T09:00:00+08:00");
}

TEST_P(GeoReportTest, AFailedSubmissionLeavesNoExtras) {
  clock_.Set(At("2025-03-03T09:00:00"));
  // An administrator may not file requests: the service refuses, and nothing is written.
  auto r = geo().Submit(admin_, {{"service_code", "power"}, {"address_id", "X1"}, {"description", "测试"}}, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(HttpStatus(r.error()), 403);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM open311_requests"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM requests"), 0);
  auto unknown = geo().Submit(citizen_, {{"service_code", "potholes"}, {"address_id", "X1"}, {"description", "x"}}, "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(HttpStatus(unknown.error()), 404);
}

TEST_P(GeoReportTest, WithoutAKeyOnlyCitizensOpen311RequestsArePublished) {
  const int64_t web = SubmitAt(ent1_, Input("企业诉求"), At("2025-03-03T09:00:00")).stored.id;
  clock_.Set(At("2025-03-03T09:05:00"));
  auto citizen = Json(geo().Submit(citizen_, {{"service_code", "other"}, {"address_string", "张店区"},
                                              {"description", "噪音扰民"}}, ""));
  const int64_t open311 = citizen[0]["service_request_id"];
  auto enterprise = Json(geo().Submit(ent2_, {{"service_code", "labour"}, {"address_string", "张店区"},
                                              {"description", "招工难"}}, ""));
  const int64_t ent_open311 = enterprise[0]["service_request_id"];

  auto anonymous = Json(geo().Requests(nullptr, {}));
  ASSERT_EQ(anonymous.size(), 1u);
  EXPECT_EQ(anonymous[0]["service_request_id"], open311);
  EXPECT_FALSE(geo().Request(nullptr, std::to_string(web)));
  EXPECT_EQ(HttpStatus(geo().Request(nullptr, std::to_string(ent_open311)).error()), 404);
  // With a key, the key's user's own scope.
  auto ent2 = Json(geo().Requests(&ent2_, {}));
  ASSERT_EQ(ent2.size(), 1u);
  EXPECT_EQ(ent2[0]["service_request_id"], ent_open311);
  EXPECT_EQ(Json(geo().Requests(&admin_, {})).size(), 3u);
  EXPECT_EQ(Json(geo().Requests(&admin_, {{"service_code", "labour"}})).size(), 2u);
  EXPECT_EQ(Json(geo().Requests(&admin_, {{"service_request_id", std::to_string(web)}})).size(), 1u);
  EXPECT_EQ(Json(geo().Requests(&admin_, {{"status", "closed"}})).size(), 0u);
}

TEST_P(GeoReportTest, RequestsOutsideTheWindowAreLeftOut) {
  SubmitAt(ent1_, Input("旧诉求"), At("2024-11-01T09:00:00"));
  const int64_t recent = SubmitAt(ent1_, Input("新诉求"), At("2025-03-03T09:00:00")).stored.id;
  auto list = Json(geo().Requests(&admin_, {}));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["service_request_id"], recent);
  EXPECT_EQ(Json(geo().Requests(&admin_, {{"start_date", "2024-10-01T00:00:00+08:00"},
                                          {"end_date", "2024-12-01T00:00:00+08:00"}}))
                .size(),
            1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, GeoReportTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         requests_service::testing::BackendName);

}  // namespace
}  // namespace zhitong::open311
