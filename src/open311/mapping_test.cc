// GeoReport v2 read and written as the standard says: the POST form into our submission, the GET
// filters into a list filter (90-day default window, page/page_size), errors into the `errors`
// document with 400/403/404.
#include "open311/mapping.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace zhitong::open311 {
namespace {

Instant At(const std::string& local) { return *ParseTimestamp(local + "+08:00"); }

TEST(Open311MappingTest, ReadsAFullSubmission) {
  auto form = ParseForm(
      "api_key=ztk_x&jurisdiction_id=zibo.gov.cn&service_code=power&lat=36.81&long=118.05"
      "&address_string=%E5%BC%A0%E5%BA%97%E5%8C%BA&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE"
      "&email=a%40b.cn&account_id=77&media_url=https%3A%2F%2Fexample.org%2F1.jpg"
      "&attribute[kind]=complaint&attribute[priority]=urgent");
  ASSERT_TRUE(form);
  auto s = ReadSubmission(*form);
  ASSERT_TRUE(s) << s.error().ToString();
  EXPECT_EQ(s->input.category_code, "power");
  EXPECT_EQ(s->input.channel, requests::Channel::kOpen311);
  EXPECT_EQ(s->input.kind, requests::Kind::kComplaint);
  EXPECT_EQ(s->input.priority, requests::Priority::kUrgent);
  EXPECT_EQ(s->input.location, "张店区");
  EXPECT_EQ(s->input.description, "路灯不亮");
  EXPECT_EQ(s->input.title, "路灯不亮");  // no attribute[title]: from the description
  EXPECT_DOUBLE_EQ(*s->extras.lat, 36.81);
  EXPECT_DOUBLE_EQ(*s->extras.lon, 118.05);
  EXPECT_EQ(s->extras.email, "a@b.cn");
  EXPECT_EQ(s->extras.account_id, "77");
  EXPECT_EQ(s->extras.media_url, "https://example.org/1.jpg");
}

TEST(Open311MappingTest, TitleDefaultsToTheFirstThirtyCharactersOnOneLine) {
  std::string description = "第一行\n\n";
  for (int i = 0; i < 40; ++i) description += "字";
  FormFields form = {{"service_code", "other"}, {"address_id", "A1"}, {"description", description}};
  auto s = ReadSubmission(form);
  ASSERT_TRUE(s) << s.error().ToString();
  std::string expected = "第一行 ";  // 3 + 1 + 26 = 30 characters
  for (int i = 0; i < 26; ++i) expected += "字";
  EXPECT_EQ(s->input.title, expected);
}

TEST(Open311MappingTest, ListsEveryProblemOfAForm) {
  FormFields form = {{"lat", "91"}, {"media_url", "ftp://x"}, {"attribute[kind]", "rant"}, {"attribute[colour]", "red"}};
  auto s = ReadSubmission(form);
  ASSERT_FALSE(s);
  std::set<std::string> fields;
  for (const auto& f : s.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"service_code", "lat", "long", "media_url", "attribute[kind]",
                                           "attribute[colour]", "description"}));
  EXPECT_EQ(HttpStatus(s.error()), 400);
}

TEST(Open311MappingTest, ALocationIsRequired) {
  auto s = ReadSubmission({{"service_code", "other"}, {"description", "噪音"}});
  ASSERT_FALSE(s);
  ASSERT_EQ(s.error().fields.size(), 1u);
  EXPECT_EQ(s.error().fields[0].field, "address_string");
}

TEST(Open311MappingTest, DefaultWindowIsTheLastNinetyDaysAndAThousandRequests) {
  auto q = ReadRequestsQuery({}, At("2025-05-01T12:00:00"));
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_EQ(*q->filter.from, At("2025-01-31T12:00:00"));
  EXPECT_EQ(*q->filter.to, At("2025-05-01T12:00:00") + std::chrono::milliseconds(1));
  EXPECT_EQ(q->filter.limit, 1000);
  EXPECT_EQ(q->filter.offset, 0);
}

TEST(Open311MappingTest, ReadsFiltersAndPages) {
  auto q = ReadRequestsQuery({{"service_code", "labour,power"}, {"status", "closed"},
                              {"start_date", "2025-01-01T00:00:00Z"}, {"page", "3"}, {"page_size", "20"}},
                             At("2025-05-01T12:00:00"));
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_EQ(q->filter.category_codes, (std::vector<std::string>{"labour", "power"}));
  EXPECT_EQ(q->filter.open, false);
  EXPECT_EQ(*q->filter.from, *ParseTimestamp("2025-01-01T00:00:00Z"));
  EXPECT_EQ(*q->filter.to, *ParseTimestamp("2025-04-01T00:00:00Z") + std::chrono::milliseconds(1));
  EXPECT_EQ(q->filter.limit, 20);
  EXPECT_EQ(q->filter.offset, 40);
  auto both = ReadRequestsQuery({{"status", "open,closed"}}, At("2025-05-01T12:00:00"));
  ASSERT_TRUE(both);
  EXPECT_FALSE(both->filter.open.has_value());
}

TEST(Open311MappingTest, ServiceRequestIdOverridesEverythingElse) {
  auto q = ReadRequestsQuery({{"service_request_id", "3, 5"}, {"status", "nonsense"}, {"start_date", "x"}},
                             At("2025-05-01T12:00:00"));
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_EQ(q->filter.ids, (std::vector<int64_t>{3, 5}));
  EXPECT_FALSE(q->filter.from.has_value());
  EXPECT_FALSE(q->filter.open.has_value());
}

TEST(Open311MappingTest, RefusesBadFiltersAndSpansOverNinetyDays) {
  const Instant now = At("2025-05-01T12:00:00");
  for (auto query : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"status", "pending"}},
           {{"start_date", "yesterday"}},
           {{"start_date", "2025-01-01T00:00:00Z"}, {"end_date", "2025-04-02T00:00:00Z"}},
           {{"start_date", "2025-02-01T00:00:00Z"}, {"end_date", "2025-01-01T00:00:00Z"}},
           {{"page_size", "1001"}},
           {{"page", "0"}},
           {{"service_request_id", "12x"}}}) {
    auto q = ReadRequestsQuery(query, now);
    ASSERT_FALSE(q) << query[0].first;
    EXPECT_EQ(HttpStatus(q.error()), 400);
  }
}

TEST(Open311MappingTest, ErrorsCarryTheHttpStatusAsCode) {
  Error e = Error::NotFound("open311.unknown_service", "no such service", "没有此服务");
  auto j = nlohmann::json::parse(ToJson(ErrorsNode(e)));
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j[0]["code"], 404);
  EXPECT_EQ(j[0]["description"], "no such service / 没有此服务");
  EXPECT_EQ(HttpStatus(Error::Forbidden("x", "y", "z")), 403);
  EXPECT_EQ(HttpStatus(Error::Unauthenticated("x", "y", "z")), 403);
  EXPECT_EQ(HttpStatus(Error::Internal("x", "y")), 400);
}

TEST(Open311MappingTest, ServiceDefinitionOffersKindPriorityAndTitle) {
  requests_service::Category c;
  c.code = "labour";
  auto j = nlohmann::json::parse(ToJson(ServiceDefinitionNode(c)));
  EXPECT_EQ(j["service_code"], "labour");
  ASSERT_EQ(j["attributes"].size(), 3u);
  EXPECT_EQ(j["attributes"][0]["code"], "kind");
  EXPECT_EQ(j["attributes"][0]["datatype"], "singlevaluelist");
  EXPECT_EQ(j["attributes"][0]["values"].size(), 4u);
  EXPECT_EQ(j["attributes"][1]["values"][1]["key"], "urgent");
  EXPECT_EQ(j["attributes"][2]["datatype"], "string");
  EXPECT_FALSE(j["attributes"][2].contains("values"));
}

}  // namespace
}  // namespace zhitong::open311
