// End to end over HTTP: administrators edit the category catalogue and the working-day calendar;
// the edits are validated (every problem by field, in English and Chinese), audited, take effect
// at once (new requests' deadlines, routing defaults, the stored due times of open requests) and
// are refused to everyone else. Each scenario runs on SQLite and, with ZHITONG_TEST_PG_URL, on
// PostgreSQL; two servers on one PostgreSQL share a calendar saved through either.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "api/requests_test_util.h"
#include "storage/testing/test_database.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

json Problem(const std::string& category, const std::string& title) {
  return {{"kind", "problem"}, {"category_code", category}, {"title", title}, {"description", title + "，请协调。"}};
}

// The fields an error names.
std::set<std::string> Fields(const HttpResult& r) {
  std::set<std::string> out;
  const json body = JsonBody(r);
  for (const auto& f : body["error"].value("fields", json::array())) out.insert(f["field"].get<std::string>());
  return out;
}

// The listed days of `year` in the checked-in calendar file, counted apart from the server.
size_t ListedInDataFile(int year) {
  const char* root = std::getenv("ZHITONG_SOURCE_DIR");
  std::ifstream file(std::string(root ? root : ".") + "/data/calendar/cn_holidays.csv");
  EXPECT_TRUE(file);
  size_t n = 0;
  for (std::string line; std::getline(file, line);) n += line.rfind(std::to_string(year) + "-", 0) == 0;
  return n;
}

template <class P>
bool Eventually(P pred, std::chrono::seconds limit = std::chrono::seconds(30)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return pred();
}

class CatalogueTest : public RequestsApiTest {
 protected:
  HttpResult Send(const std::string& who, const std::string& method, const std::string& target, const json& body) {
    auto headers = Bearer(tokens_.at(who));
    headers.emplace_back("Content-Type", "application/json");
    return server_->client().Send(method, target, body.dump(), headers);
  }
  json Audit(const std::string& entity) {
    auto r = Get("admin", "/api/v1/audit?entity=" + entity);
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonBody(r)["items"];
  }
  json Request(int64_t id) { return JsonBody(Get("admin", "/api/v1/requests/" + std::to_string(id))); }
  std::set<int64_t> OverdueIds() {
    std::set<int64_t> out;
    const json list = JsonBody(Get("admin", "/api/v1/requests?overdue=true"));
    for (const auto& r : list["items"]) out.insert(r["id"].get<int64_t>());
    return out;
  }

  void CategoriesScenario(const std::string& database_url);
  void CalendarScenario(const std::string& database_url);
};

void CatalogueTest::CategoriesScenario(const std::string& database_url) {
  StartServer("catalogue_categories", "2025-03-03T09:00:00", {}, database_url);
  const json before = JsonBody(Get("admin", "/api/v1/categories/all"))["items"];
  ASSERT_FALSE(before.empty());
  int max_order = 0;
  for (const auto& c : before) max_order = std::max(max_order, c["sort_order"].get<int>());

  auto created = Send("admin", "POST", "/api/v1/categories",
                      {{"code", "water"}, {"name", "供水用水"}, {"name_en", "Water supply"}, {"department_id", 3},
                       {"reply_days", 2}, {"urgent_hours", 6}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(JsonBody(created)["sort_order"], max_order + 1);  // last in the catalogue
  EXPECT_EQ(JsonBody(created)["active"], true);
  auto again = Send("admin", "POST", "/api/v1/categories", {{"code", "water"}, {"name", "重复"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(JsonBody(again)["error"]["code"], "category.exists");
  auto cats = JsonBody(Get("ent1", "/api/v1/categories"))["items"];
  ASSERT_FALSE(cats.empty());
  EXPECT_EQ(cats.back()["code"], "water");
  EXPECT_EQ(cats.back()["department_id"], 3);

  // The default department routes at once; the policy gives the reply due time (2 working days
  // after routing on Monday 3 March 2025: Wednesday).
  const int64_t first = Submit("ent1", "2025-03-03T09:00:00", Problem("water", "停水"))["id"];
  Must("dispatcher", first, "accept", "2025-03-03T09:10:00");
  json r = Must("dispatcher", first, "route", "2025-03-03T09:20:00");
  EXPECT_EQ(r["handling_department_id"], 3);
  EXPECT_EQ(r["due"]["reply_due_at"], "2025-03-05T09:20:00+08:00");

  // Another policy and default department: new requests follow it, the filed one keeps its own.
  auto patched = Send("admin", "PATCH", "/api/v1/categories/water", {{"reply_days", 4}, {"department_id", 2}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(JsonBody(patched)["reply_days"], 4);
  EXPECT_EQ(JsonBody(patched)["name"], "供水用水");  // absent fields stay
  EXPECT_EQ(Request(first)["due"]["reply_due_at"], "2025-03-05T09:20:00+08:00");
  const int64_t second = Submit("ent1", "2025-03-03T09:30:00", Problem("water", "水压低"))["id"];
  Must("dispatcher", second, "accept", "2025-03-03T09:40:00");
  r = Must("dispatcher", second, "route", "2025-03-03T09:50:00");
  EXPECT_EQ(r["handling_department_id"], 2);
  EXPECT_EQ(r["due"]["reply_due_at"], "2025-03-07T09:50:00+08:00");  // 4 working days: Friday

  // Deactivated: gone from the catalogue enterprises pick from, kept in the admin's list, and no
  // new request may use it.
  patched = Send("admin", "PATCH", "/api/v1/categories/water", {{"active", false}, {"department_id", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(JsonBody(patched)["active"], false);
  EXPECT_TRUE(JsonBody(patched)["department_id"].is_null());
  EXPECT_EQ(JsonBody(Get("ent1", "/api/v1/categories"))["items"].size(), before.size());
  EXPECT_EQ(JsonBody(Get("admin", "/api/v1/categories/all"))["items"].size(), before.size() + 1);
  // Open311 offers the active catalogue, so not this one.
  const json services = JsonBody(server_->client().Get("/open311/v2/services.json"));
  ASSERT_TRUE(services.is_array()) << services.dump();
  EXPECT_EQ(services.size(), before.size());
  for (const auto& s : services) EXPECT_NE(s["service_code"], "water");
  SetNow("2025-03-03T10:00:00");
  auto refused = Post("ent1", "/api/v1/requests", Problem("water", "停水了"));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Fields(refused), std::set<std::string>{"category_code"});

  // Created, then changed twice: each with what it was and what it became.
  const json audit = Audit("category");
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0]["action"], "update");  // newest first
  EXPECT_EQ(audit[0]["before"]["active"], true);
  EXPECT_EQ(audit[0]["after"]["active"], false);
  EXPECT_EQ(audit[2]["action"], "create");
  EXPECT_TRUE(audit[2]["before"].is_null());

  // Every problem at once, by field, in both languages; unknown department; not found.
  auto bad = Send("admin", "POST", "/api/v1/categories",
                  {{"code", "Bad Code"}, {"name", ""}, {"reply_days", 0}, {"urgent_hours", 9999}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"code", "name", "reply_days", "urgent_hours"}));
  EXPECT_FALSE(JsonBody(bad)["error"]["message_zh"].get<std::string>().empty());
  auto no_dept = Send("admin", "POST", "/api/v1/categories", {{"code", "gas"}, {"name", "燃气"}, {"department_id", 99}});
  EXPECT_EQ(no_dept.status, 400) << no_dept.body;
  EXPECT_EQ(Fields(no_dept), std::set<std::string>{"department_id"});
  auto missing = Send("admin", "PATCH", "/api/v1/categories/nothing", {{"name", "x"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(JsonBody(missing)["error"]["code"], "category.not_found");
  EXPECT_EQ(Send("admin", "PATCH", "/api/v1/categories/water", {{"code", "other"}}).status, 400);
  auto malformed = server_->client().Send("PATCH", "/api/v1/categories/water", "{\"name\":",
                                          {{"Authorization", "Bearer " + tokens_.at("admin")},
                                           {"Content-Type", "application/json"}});
  EXPECT_EQ(malformed.status, 400) << malformed.body;

  // Administrators only.
  EXPECT_EQ(Send("dispatcher", "PATCH", "/api/v1/categories/water", {{"active", true}}).status, 403);
  EXPECT_EQ(Send("hr", "POST", "/api/v1/categories", {{"code", "gas"}, {"name", "燃气"}}).status, 403);
  EXPECT_EQ(Send("ent1", "PATCH", "/api/v1/categories/labour", {{"reply_days", 1}}).status, 403);
  EXPECT_EQ(Get("hr", "/api/v1/categories/all").status, 403);
  EXPECT_EQ(Get("dispatcher", "/api/v1/categories/all").status, 200);
  EXPECT_EQ(server_->client().Get("/api/v1/categories/all").status, 401);
  // Nothing refused was written.
  EXPECT_EQ(JsonBody(Get("admin", "/api/v1/categories/all"))["items"].size(), before.size() + 1);
  EXPECT_EQ(Audit("category").size(), 3u);
}

void CatalogueTest::CalendarScenario(const std::string& database_url) {
  StartServer("catalogue_calendar", "2025-03-03T09:00:00", {}, database_url);
  const json year = JsonBody(Get("hr", "/api/v1/calendar/2025"));
  EXPECT_EQ(year["covered"], true);
  const size_t listed = year["days"].size();
  EXPECT_EQ(listed, ListedInDataFile(2025));

  // Before: Tuesday 4 March 2025 is a working day, so the accept deadline of a request filed on
  // Monday 09:00 is Tuesday 09:00, and at Tuesday 10:00 the request is overdue.
  const int64_t id = Submit("ent1", "2025-03-03T09:00:00", Problem("labour", "招工难"))["id"];
  EXPECT_EQ(Request(id)["due"]["accept_due_at"], "2025-03-04T09:00:00+08:00");
  SetNow("2025-03-04T10:00:00");
  EXPECT_TRUE(OverdueIds().count(id));

  // An extra local holiday on Tuesday 4 March: the deadline moves to Wednesday — shown, and stored
  // (the request is no longer in the overdue list) — and new requests count on it too.
  json days = year["days"];
  days.push_back({{"date", "2025-03-04"}, {"kind", "holiday"}, {"name", "测试假日"}, {"name_en", "Test holiday"}});
  auto put = Send("admin", "PUT", "/api/v1/calendar/2025", {{"days", days}, {"source", "测试通知"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(JsonBody(put)["days"].size(), listed + 1);
  EXPECT_EQ(JsonBody(put)["source"], "测试通知");
  EXPECT_EQ(Request(id)["due"]["accept_due_at"], "2025-03-05T09:00:00+08:00");
  EXPECT_FALSE(OverdueIds().count(id));
  const int64_t later = Submit("ent1", "2025-03-03T09:30:00", Problem("labour", "用工"))["id"];
  EXPECT_EQ(Request(later)["due"]["accept_due_at"], "2025-03-05T09:30:00+08:00");

  // Refused, every problem by field, nothing changed: a make-up workday on a weekday, a date of
  // another year, a date twice, an unknown kind, days that are not a list, a year out of range.
  json wrong = days;
  wrong.push_back({{"date", "2025-03-05"}, {"kind", "workday"}});
  wrong.push_back({{"date", "2024-03-05"}, {"kind", "holiday"}});
  wrong.push_back({{"date", "2025-03-04"}, {"kind", "holiday"}});
  wrong.push_back({{"date", "2025-03-06"}, {"kind", "rest"}});
  auto bad = Send("admin", "PUT", "/api/v1/calendar/2025", {{"days", wrong}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  const std::string n = std::to_string(days.size());
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"days[" + n + "].kind", "days[" + std::to_string(days.size() + 1) + "].date",
                                                "days[" + std::to_string(days.size() + 2) + "].date",
                                                "days[" + std::to_string(days.size() + 3) + "].kind"}));
  EXPECT_FALSE(JsonBody(bad)["error"]["message_zh"].get<std::string>().empty());
  EXPECT_EQ(Send("admin", "PUT", "/api/v1/calendar/2025", {{"days", "none"}}).status, 400);
  EXPECT_EQ(Send("admin", "PUT", "/api/v1/calendar/1800", {{"days", json::array()}}).status, 400);
  EXPECT_EQ(Get("hr", "/api/v1/calendar/1800").status, 400);
  EXPECT_EQ(Get("hr", "/api/v1/calendar/abc").status, 400);
  EXPECT_EQ(JsonBody(Get("hr", "/api/v1/calendar/2025"))["days"].size(), listed + 1);

  // Administrators only.
  EXPECT_EQ(Send("dispatcher", "PUT", "/api/v1/calendar/2025", {{"days", year["days"]}}).status, 403);
  EXPECT_EQ(Send("ent1", "PUT", "/api/v1/calendar/2025", {{"days", year["days"]}}).status, 403);
  EXPECT_EQ(server_->client().Get("/api/v1/calendar/2025").status, 401);

  // The holiday taken back: the deadline returns to Tuesday, and at Tuesday 10:00 it is overdue.
  SetNow("2025-03-04T10:00:00");
  put = Send("admin", "PUT", "/api/v1/calendar/2025", {{"days", year["days"]}, {"source", year["source"]}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Request(id)["due"]["accept_due_at"], "2025-03-04T09:00:00+08:00");
  EXPECT_TRUE(OverdueIds().count(id));

  // Each save audited with the year before and after.
  const json audit = Audit("calendar_year");
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1]["before"]["days"].size(), listed);
  EXPECT_EQ(audit[1]["after"]["days"].size(), listed + 1);
  EXPECT_EQ(audit[0]["after"]["days"].size(), listed);

  // A year not yet published: not listed. A draft of it, saved as not covered, is listed but
  // leaves its deadlines on the Monday–Friday fallback.
  auto future = JsonBody(Get("hr", "/api/v1/calendar/2031"));
  EXPECT_EQ(future["listed"], false);
  EXPECT_EQ(future["covered"], false);
  EXPECT_TRUE(future["days"].empty());
  put = Send("admin", "PUT", "/api/v1/calendar/2031",
             {{"covered", false}, {"days", {{{"date", "2031-01-01"}, {"kind", "holiday"}, {"name", "元旦"}}}}});
  ASSERT_EQ(put.status, 200) << put.body;
  future = JsonBody(Get("hr", "/api/v1/calendar/2031"));
  EXPECT_EQ(future["listed"], true);
  EXPECT_EQ(future["covered"], false);
  EXPECT_EQ(future["days"].size(), 1u);
}

TEST_F(CatalogueTest, AdminCreatesAndEditsCategoriesOnSqlite) { CategoriesScenario(""); }

TEST_F(CatalogueTest, AdminCreatesAndEditsCategoriesOnPostgres) {
  std::string why;
  auto pg = storage::testing::TestDatabase::Create(storage::Dialect::kPostgres, &why);
  if (!pg) GTEST_SKIP() << why;
  CategoriesScenario(pg->url());
  server_.reset();
}

TEST_F(CatalogueTest, AdminReplacesAYearOfTheCalendarAndDeadlinesFollowOnSqlite) { CalendarScenario(""); }

TEST_F(CatalogueTest, AdminReplacesAYearOfTheCalendarAndDeadlinesFollowOnPostgres) {
  std::string why;
  auto pg = storage::testing::TestDatabase::Create(storage::Dialect::kPostgres, &why);
  if (!pg) GTEST_SKIP() << why;
  CalendarScenario(pg->url());
  server_.reset();
}

// A calendar saved through one server is what the other counts on after its next scheduler run.
TEST_F(CatalogueTest, ASecondServerOnOnePostgresPicksUpTheSavedCalendar) {
  std::string why;
  auto pg = storage::testing::TestDatabase::Create(storage::Dialect::kPostgres, &why);
  if (!pg) GTEST_SKIP() << why;
  const std::vector<std::string> fast = {"--scheduler-interval-seconds", "1"};
  StartServer("catalogue_pg_a", "2025-03-03T09:00:00", fast, pg->url());
  ::setenv("ZHITONG_FAKE_NOW", ("@" + clock_file_.string()).c_str(), 1);
  auto second = std::make_unique<ServerProcess>("catalogue_pg_b", fast, pg->url(), /*add_admin=*/false);
  ::unsetenv("ZHITONG_FAKE_NOW");
  ASSERT_TRUE(second->ok());
  const int64_t id = Submit("ent1", "2025-03-03T09:00:00", Problem("labour", "招工难"))["id"];
  const std::string path = "/api/v1/requests/" + std::to_string(id);
  const auto due_on_second = [&] {
    return JsonBody(second->client().Get(path, Bearer(tokens_.at("admin"))))["due"]["accept_due_at"];
  };
  EXPECT_EQ(due_on_second(), "2025-03-04T09:00:00+08:00");
  json days = JsonBody(Get("admin", "/api/v1/calendar/2025"))["days"];
  days.push_back({{"date", "2025-03-04"}, {"kind", "holiday"}, {"name", "测试假日"}});
  ASSERT_EQ(Send("admin", "PUT", "/api/v1/calendar/2025", {{"days", days}}).status, 200);
  EXPECT_TRUE(Eventually([&] { return due_on_second() == "2025-03-05T09:00:00+08:00"; })) << due_on_second();
  second.reset();
  server_.reset();
}

}  // namespace
}  // namespace zhitong::testing
