// End to end over HTTP: what each signed-in user may see (404 outside their scope, so ids cannot
// be probed), the category catalogue, and field-by-field validation that writes nothing.
#include <gtest/gtest.h>

#include <set>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class RequestsScopeTest : public RequestsApiTest {
 protected:
  std::set<int64_t> Ids(const std::string& who, const std::string& query = "") {
    auto r = Get(who, "/api/v1/requests" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = JsonBody(r);
    std::set<int64_t> out;
    for (const auto& item : body["items"]) out.insert(item["id"].get<int64_t>());
    EXPECT_EQ(body["total"].get<size_t>(), out.size());
    return out;
  }
};

TEST_F(RequestsScopeTest, EachUserSeesOnlyTheirScope) {
  StartServer("req_scope", "2025-03-03T09:00:00");
  json body = {{"kind", "question"}, {"category_code", "finance"}, {"title", "贷款贴息政策咨询"},
               {"description", "想了解技改贷款贴息的申报条件"}};
  const int64_t a = Submit("ent1", "2025-03-03T09:00:00", body)["id"];
  body["title"] = "融资担保费用高";
  const int64_t b = Submit("ent2", "2025-03-03T09:10:00", body)["id"];
  // A citizen files through Open311 (the public's only way in).
  const std::string citizen_key = ApiKey("citizen");
  const int64_t c = SubmitOpen311(citizen_key, "2025-03-03T09:20:00",
                                  "service_code=other&address_string=" + UrlEncode("张店区") +
                                      "&description=" + UrlEncode("小区噪音"));
  Must("dispatcher", a, "accept", "2025-03-03T10:00:00");
  Must("dispatcher", a, "route", "2025-03-03T10:05:00", {{"department_id", 2}});

  EXPECT_EQ(Ids("ent1"), (std::set<int64_t>{a}));
  EXPECT_EQ(Ids("ent2"), (std::set<int64_t>{b}));
  auto mine = JsonBody(server_->client().Get("/open311/v2/requests.json?api_key=" + citizen_key));
  ASSERT_EQ(mine.size(), 1u) << mine.dump();
  EXPECT_EQ(mine[0]["service_request_id"], c);
  // The JSON API is not for the public.
  auto refused = Get("citizen", "/api/v1/requests");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(JsonBody(refused)["error"]["code"], "access.open311_only");
  EXPECT_EQ(Ids("gx"), (std::set<int64_t>{a}));
  EXPECT_EQ(Ids("hr"), (std::set<int64_t>{}));
  EXPECT_EQ(Ids("dispatcher"), (std::set<int64_t>{a, b, c}));
  EXPECT_EQ(Ids("admin", "?status=routed&department_id=2"), (std::set<int64_t>{a}));
  EXPECT_EQ(Ids("admin", "?q=" + UrlEncode("融资")), (std::set<int64_t>{b}));
  // Soonest due first: b and c wait to be accepted (due 4 March 09:10 and 09:20), a to be signed (10:05).
  auto by_due = JsonBody(Get("admin", "/api/v1/requests?sort=due_at&limit=2"));
  EXPECT_EQ(by_due["total"], 3);
  ASSERT_EQ(by_due["items"].size(), 2u);
  EXPECT_EQ(by_due["items"][0]["id"], b);
  EXPECT_EQ(by_due["items"][1]["id"], c);

  // Another enterprise's request, its timeline and its actions are all "not found".
  for (const auto& path : {"/api/v1/requests/" + std::to_string(a), "/api/v1/requests/" + std::to_string(a) + "/events",
                           std::string("/api/v1/requests/999999")}) {
    auto r = Get("ent2", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(JsonBody(r)["error"]["code"], "request.not_found");
  }
  auto act = Post("ent2", "/api/v1/requests/" + std::to_string(a) + "/actions/withdraw", {{"version", 3}});
  EXPECT_EQ(act.status, 404);
  EXPECT_EQ(Get("hr", "/api/v1/requests/" + std::to_string(a)).status, 404);
  EXPECT_EQ(Get("gx", "/api/v1/requests/" + std::to_string(a)).status, 200);
  // Not signed in at all.
  EXPECT_EQ(server_->client().Get("/api/v1/requests").status, 401);
}

TEST_F(RequestsScopeTest, CategoriesAndFieldByFieldValidation) {
  StartServer("req_validate", "2025-03-03T09:00:00");
  auto cats = JsonBody(Get("ent1", "/api/v1/categories"));
  // The twelve of the routing catalogue (0020) and needless_contact, the 扰企 complaint (0045).
  ASSERT_EQ(cats["items"].size(), 13u);
  EXPECT_EQ(cats["items"][12]["code"], "needless_contact");
  EXPECT_EQ(cats["items"][0]["code"], "labour");
  EXPECT_EQ(cats["items"][0]["name"], "用工招工");
  EXPECT_EQ(cats["items"][0]["reply_days"], 5);
  EXPECT_EQ(cats["items"][0]["department_id"], nullptr);

  auto r = Post("ent1", "/api/v1/requests",
                {{"kind", "wish"}, {"title", std::string(201, 'x')}, {"priority", "high"}, {"enterprise_id", "1"}});
  EXPECT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const json refused = JsonBody(r);
  for (const auto& f : refused["error"]["fields"]) {
    fields.insert(f["field"].get<std::string>());
    EXPECT_FALSE(f["message_zh"].get<std::string>().empty());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"kind", "category_code", "title", "description", "priority", "enterprise_id"}));
  r = Post("ent1", "/api/v1/requests",
           {{"kind", "problem"}, {"category_code", "nothing"}, {"title", "标题"}, {"description", "内容"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(JsonBody(r)["error"]["fields"][0]["field"], "category_code");
  auto bad_query = Get("admin", "/api/v1/requests?status=lost&overdue=maybe&from=yesterday&department_id=x");
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(JsonBody(bad_query)["error"]["fields"].size(), 4u) << bad_query.body;
  EXPECT_EQ(Get("admin", "/api/v1/requests/similar").status, 400);
  auto list = JsonBody(Get("admin", "/api/v1/requests"));
  EXPECT_EQ(list["total"], 0);  // nothing half-written by the refused submissions
}

}  // namespace
}  // namespace zhitong::testing
