// The results API end to end over HTTP with real sign-ins: requests handled through the requests
// API, then the rates, rankings, trends, hot issues, exports and the monthly report read back,
// with the definitions next to the figures, bad input refused with codes, and an enterprise
// refused.
#include <gtest/gtest.h>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

json Power(const std::string& title) {
  return {{"kind", "problem"}, {"category_code", "power"}, {"title", title}, {"description", title + "，请协调。"}};
}

class ResultsApiTest : public RequestsApiTest {};

TEST_F(ResultsApiTest, RatesRankingsHotIssuesAndReport) {
  StartServer("results_api", "2025-03-03T09:00:00");
  // Human Resources signs on time and is rated satisfied; the Industry Bureau signs late.
  json a = Submit("ent1", "2025-03-03T09:00:00", Power("工业园区供电线路老化经常跳闸停电"));
  Must("dispatcher", a["id"], "accept", "2025-03-03T09:10:00");
  Must("dispatcher", a["id"], "route", "2025-03-03T09:20:00", {{"department_id", 1}});
  Must("hr", a["id"], "sign", "2025-03-03T10:00:00");
  Must("hr", a["id"], "reply", "2025-03-04T10:00:00", {{"note", "已协调供电公司检修"}});
  Must("ent1", a["id"], "rate", "2025-03-05T10:00:00", {{"rating", "satisfied"}});
  json b = Submit("ent2", "2025-03-03T11:00:00", Power("园区供电线路老化，频繁跳闸停电"));
  Must("dispatcher", b["id"], "accept", "2025-03-03T11:10:00");
  Must("dispatcher", b["id"], "route", "2025-03-03T11:20:00", {{"department_id", 2}});
  Must("gx", b["id"], "sign", "2025-03-06T11:00:00");
  SetNow("2025-03-10T10:00:00");

  auto r = Get("admin", "/api/v1/results/rates?group=department&period=2025-03");
  ASSERT_EQ(r.status, 200) << r.body;
  json rates = JsonBody(r);
  EXPECT_EQ(rates["period"]["from"], "2025-03-01");
  EXPECT_EQ(rates["previous_period"]["label"], "2025-02");
  ASSERT_EQ(rates["items"].size(), 2u);
  EXPECT_EQ(rates["items"][0]["id"], 1);
  EXPECT_EQ(rates["items"][0]["name"], "市人社局");
  EXPECT_EQ(rates["items"][0]["response_rate"], 1.0);
  EXPECT_EQ(rates["items"][0]["satisfaction_rate"], 1.0);
  EXPECT_EQ(rates["items"][0]["rank"], 1);
  EXPECT_EQ(rates["items"][1]["response_rate"], 0.0);
  EXPECT_EQ(rates["items"][1]["counts"]["received"], 1);
  EXPECT_EQ(rates["overall"]["counts"]["received"], 2);
  EXPECT_EQ(rates["overall"]["response"]["denominator"], 2);
  EXPECT_EQ(rates["definitions"]["weights"]["response_rate"], 30);
  EXPECT_FALSE(rates["definitions"]["formulas"].empty());

  r = Get("admin", "/api/v1/results/rates?group=region&period=2025-03&weights=100%2C0%2C0");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonBody(r)["items"][0]["composite"], 50.0);

  r = Get("admin", "/api/v1/results/rankings?group=department&period=2025-03&size=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonBody(r)["red"][0]["id"], 1);
  EXPECT_EQ(JsonBody(r)["black"][0]["id"], 2);

  r = Get("admin", "/api/v1/results/trends?group=department&id=1&months=3&to=2025-03");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(JsonBody(r)["items"].size(), 3u);
  EXPECT_EQ(JsonBody(r)["items"][2]["period"], "2025-03");
  EXPECT_EQ(JsonBody(r)["items"][2]["response_rate"], 1.0);

  r = Get("admin", "/api/v1/results/hot-issues?period=2025-03&limit=5");
  ASSERT_EQ(r.status, 200) << r.body;
  json hot = JsonBody(r);
  ASSERT_EQ(hot["items"].size(), 1u);
  EXPECT_EQ(hot["items"][0]["count"], 2);
  EXPECT_EQ(hot["items"][0]["examples"][0]["link"], "/requests/" + std::to_string(a["id"].get<int64_t>()));

  r = Get("admin", "/api/v1/results/rates/export?group=department&period=2025-03&format=csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("市人社局"), std::string::npos);
  r = Get("admin", "/api/v1/results/report?period=2025-03");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.substr(0, 2), "PK");

  for (const char* bad : {"/api/v1/results/rates?period=2025-13", "/api/v1/results/rates?group=planet",
                          "/api/v1/results/rates?weights=1%2C2", "/api/v1/results/hot-issues?limit=0",
                          "/api/v1/results/trends?group=department", "/api/v1/results/report?period=2025"}) {
    r = Get("admin", bad);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_EQ(JsonBody(r)["error"]["code"], "input.invalid") << bad;
    EXPECT_FALSE(JsonBody(r)["error"]["message_zh"].get<std::string>().empty());
  }
  r = Get("ent1", "/api/v1/results/rates?group=department");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(JsonBody(r)["error"]["code"], "results.not_allowed");
  // A handler reads their own department only.
  r = Get("hr", "/api/v1/results/rates?group=department&period=2025-03");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonBody(r)["items"].size(), 1u);
}

}  // namespace
}  // namespace zhitong::testing
