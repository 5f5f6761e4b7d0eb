// The authorization matrix of the requests endpoints, end to end over real sign-ins of every role
// in the demo city. Reads: a request outside the caller's scope is 404, never 403, so ids cannot
// be probed (src/requests_service/store.h ScopeClause). Actions: on a request the caller may see
// but has no part in, 403 request.not_allowed; on one they may not see — another enterprise's,
// another department's — 404 like a request that does not exist. Lists and searches hold exactly
// the requests that a read by id admits.
#include <gtest/gtest.h>

#include <set>

#include "api/authz_test_util.h"
#include "api/requests_test_util.h"

namespace zhitong::testing {

using nlohmann::json;

// Paths: {own}: the enterprise user's request, routed to the handler's department; {in}: a
// request of an enterprise of 张店区 that the liaison serves, entered by the dispatcher and routed
// to another department; {citizen}: the public user's own; {fresh_…}: such a request made anew
// for each caller just before the call (own_submitted, own_routed, in_submitted, in_routed);
// {own_ent}, {in_ent}: the enterprises; {other_dept}: a department that is not the handler's.
const std::vector<Cell>& RequestsMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                                   admin ldr  dist disp liai hand ent  pub  anon
    {"GET",  "/api/v1/categories",                                    "",               {200, 200, 200, 200, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/requests",                                      "request",        {403, 403, 403, 201, 403, 403, 201, 403, 401}},
    {"POST", "/api/v1/requests",                                      "request_for_in", {403, 403, 403, 201, 403, 403, 403, 403, 401}},
    {"POST", "/api/v1/requests",                                      "request_for_unknown", {403, 403, 403, 400, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/requests",                                      "",               {200, 200, 200, 200, 200, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests?status=routed&department_id={other_dept}&q=%E8%AF%89", "", {200, 200, 200, 200, 200, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/similar?title=%E7%94%A8%E5%B7%A5",      "",               {200, 200, 200, 200, 200, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/similar?title=%E7%94%A8%E5%B7%A5&enterprise_id={own_ent}", "", {200, 200, 400, 200, 400, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/similar?title=%E7%94%A8%E5%B7%A5&enterprise_id={in_ent}",  "", {200, 200, 200, 200, 200, 200, 400, 403, 401}},
    {"GET",  "/api/v1/requests/similar?title=%E7%94%A8%E5%B7%A5&enterprise_id=999999",    "", {400, 400, 400, 400, 400, 400, 400, 403, 401}},
    {"GET",  "/api/v1/requests/{own}",                                "",               {200, 200, 404, 200, 404, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/{in}",                                 "",               {200, 200, 200, 200, 200, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/{citizen}",                            "",               {200, 200, 404, 200, 404, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/999999",                               "",               {404, 404, 404, 404, 404, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/{own}/events",                         "",               {200, 200, 404, 200, 404, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/{in}/events",                          "",               {200, 200, 200, 200, 200, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/{citizen}/events",                     "",               {200, 200, 404, 200, 404, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/999999/events",                        "",               {404, 404, 404, 404, 404, 404, 404, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_own_submitted}/actions/accept", "act",            {403, 403, 404, 200, 404, 404, 403, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_own_submitted}/actions/withdraw", "act",          {403, 403, 404, 403, 404, 404, 200, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_in_submitted}/actions/accept",  "act",            {403, 403, 403, 200, 403, 404, 404, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_in_submitted}/actions/withdraw", "act",           {403, 403, 403, 403, 403, 404, 404, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_own_routed}/actions/sign",      "act",            {403, 403, 404, 403, 404, 200, 403, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_own_routed}/actions/route",     "act_route",      {403, 403, 404, 200, 404, 403, 403, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_in_routed}/actions/sign",       "act",            {403, 403, 403, 403, 403, 404, 404, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_in_routed}/actions/transfer",   "act_transfer",   {403, 403, 403, 403, 403, 404, 404, 403, 401}},
    {"POST", "/api/v1/requests/999999/actions/accept",                "act",            {404, 404, 404, 404, 404, 404, 404, 403, 401}},
    // The catalogue and the calendar: everyone signed in reads the calendar (the State Council's
    // arrangement is public), admins and dispatchers the whole catalogue, admins alone edit.
    {"GET",  "/api/v1/categories/all",                                "",               {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {"POST", "/api/v1/categories",                                    "category",       {201, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"PATCH", "/api/v1/categories/{category}",                        "category_patch", {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/calendar/2025",                                 "",               {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"PUT",  "/api/v1/calendar/2031",                                 "calendar",       {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    // Attachments: attaching follows the transition table (requester while open, dispatcher at
    // intake, handler once signed); reading follows the request's own visibility.
    {"POST", "/api/v1/requests/{fresh_own_submitted}/attachments?name=a.pdf", "attach_pdf", {403, 403, 404, 201, 404, 404, 201, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_own_routed}/attachments?name=a.pdf",    "attach_pdf", {403, 403, 404, 403, 404, 403, 201, 403, 401}},
    {"POST", "/api/v1/requests/{fresh_in_submitted}/attachments?name=a.pdf",  "attach_pdf", {403, 403, 403, 201, 403, 404, 404, 403, 401}},
    {"POST", "/api/v1/requests/999999/attachments?name=a.pdf",        "attach_pdf",     {404, 404, 404, 404, 404, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/{own}/attachments",                    "",               {200, 200, 404, 200, 404, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/{in}/attachments",                     "",               {200, 200, 200, 200, 200, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/{own}/attachments/{own_attachment}",   "",               {200, 200, 404, 200, 404, 200, 200, 403, 401}},
    {"GET",  "/api/v1/requests/{in}/attachments/{own_attachment}",    "",               {404, 404, 404, 404, 404, 404, 404, 403, 401}},
    {"GET",  "/api/v1/requests/999999/attachments/1",                 "",               {404, 404, 404, 404, 404, 404, 404, 403, 401}},
  };
  // clang-format on
  return kMatrix;
}

namespace {

class RequestsAuthzTest : public AuthzTest {
 protected:
  void SetUp() override {
    facts_ = LoadFacts();
    ASSERT_FALSE(HasFailure());
  }

  // A request filed by the public user, through Open311 (the public's only way in) with an API
  // key an admin made for them; its id.
  int64_t CitizenRequest(const std::string& description) {
    if (citizen_key_.empty()) {
      citizen_key_ = As("admin", "POST", "/api/v1/api-keys", {{"login", "citizen"}, {"name", "open311"}}, 201)["key"];
    }
    auto r = server_->client().Send("POST", "/open311/v2/requests.json",
                                    "api_key=" + citizen_key_ + "&service_code=other&description=" + UrlEncode(description) +
                                        "&address_string=" + UrlEncode("张店区人民西路 1 号"),
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto body = JsonBody(r);
    if (r.status != 200 || !body.is_array() || body.empty()) return 0;
    return body[0]["service_request_id"].get<int64_t>();
  }
  std::string citizen_key_;

  // A new request in the given state: "own_…" filed by the enterprise user, "in_…" entered by the
  // dispatcher for the liaison's enterprise; "…_routed" accepted and routed (own: to the handler's
  // department; in: to another).
  int64_t Fresh(const std::string& kind) {
    const bool own = kind.rfind("own", 0) == 0;
    json body = {{"kind", "problem"}, {"category_code", "labour"}, {"title", "用工招工难 " + kind},
                 {"description", "诉求：春节后用工缺口较大，请协调招聘会。"}};
    if (!own) {
      body["enterprise_id"] = facts_.in;
      body["channel"] = "phone";
    }
    const json made = As(own ? "enterprise" : "dispatcher", "POST", "/api/v1/requests", body, 201);
    const int64_t id = made.value("id", int64_t{0});
    if (kind.find("routed") != std::string::npos) {
      const std::string path = "/api/v1/requests/" + std::to_string(id);
      As("dispatcher", "POST", path + "/actions/accept", {{"version", 1}}, 200);
      As("dispatcher", "POST", path + "/actions/route",
         {{"version", 2}, {"department_id", own ? facts_.handler_dept : facts_.other_dept}}, 200);
    }
    return id;
  }

  DemoFacts facts_;
};

TEST_F(RequestsAuthzTest, EveryRoleOnEveryRequestsEndpointOnOwnAndOthersData) {
  std::map<std::string, std::string> ids = {
      {"{own}", std::to_string(Fresh("own_routed"))},
      {"{in}", std::to_string(Fresh("in_routed"))},
      {"{citizen}", std::to_string(CitizenRequest("诉求：夜间施工噪音扰民。"))},
      {"{own_ent}", std::to_string(facts_.own_ent)},
      {"{in_ent}", std::to_string(facts_.in)},
      {"{other_dept}", std::to_string(facts_.other_dept)},
      {"{category}", "labour"}};
  ASSERT_FALSE(HasFailure());
  // A file the enterprise attached to its own request.
  auto attached = Call("enterprise", "POST", "/api/v1/requests/" + ids.at("{own}") + "/attachments?name=" +
                                                 UrlEncode("营业执照.pdf"),
                       "%PDF-1.4\n%%EOF\n", "application/pdf");
  ASSERT_EQ(attached.status, 201) << attached.body;
  ids["{own_attachment}"] = std::to_string(JsonBody(attached)["attachment"]["id"].get<int64_t>());
  auto path_for = [&](const std::string& path, const std::string&) {
    std::string out = Substitute(path, ids);
    for (const char* kind : {"own_submitted", "own_routed", "in_submitted", "in_routed"}) {
      const std::string key = std::string("{fresh_") + kind + "}";
      if (out.find(key) != std::string::npos) out = Substitute(out, {{key, std::to_string(Fresh(kind))}});
    }
    return out;
  };
  int serial = 0;
  auto body_for = [&](const std::string& key, const std::string& path, const std::string& who) -> std::string {
    ++serial;
    if (key.empty()) return "";
    json request = {{"kind", "question"}, {"category_code", "finance"}, {"title", "融资贴息咨询 " + std::to_string(serial)},
                    {"description", "想了解技改贷款贴息的申报条件。"}};
    if (key == "request") {
      if (who == "dispatcher") {
        request["enterprise_id"] = facts_.in;
        request["channel"] = "phone";
      }
      return request.dump();
    }
    if (key == "category") {
      return json{{"code", "authz_" + std::to_string(serial)}, {"name", "授权测试类别"}, {"reply_days", 5}}.dump();
    }
    if (key == "category_patch") return json{{"reply_days", 5}}.dump();
    if (key == "calendar") {
      return json{{"covered", false}, {"days", {{{"date", "2031-01-01"}, {"kind", "holiday"}}}}}.dump();
    }
    if (key == "request_for_in" || key == "request_for_unknown") {
      request["enterprise_id"] = key == "request_for_in" ? facts_.in : 999999;
      request["channel"] = "phone";
      return request.dump();
    }
    if (key == "attach_pdf") return "%PDF-1.4\n% " + std::to_string(serial) + "\n%%EOF\n";
    // Actions carry the version the admin reads now (a wrong version would be 409, not a scope answer).
    const auto actions = path.find("/actions/");
    json act = {{"version", 1}};
    const auto current = Call("admin", "GET", path.substr(0, actions));
    if (current.status == 200) act["version"] = JsonBody(current)["version"];
    if (key == "act") return act.dump();
    if (key == "act_route") {
      act["department_id"] = facts_.other_dept;
      return act.dump();
    }
    if (key == "act_transfer") {
      act["department_id"] = facts_.handler_dept;
      act["note"] = "不属于本部门职责";
      return act.dump();
    }
    ADD_FAILURE() << "no body " << key;
    return "";
  };
  RunMatrix(RequestsMatrix(), path_for, body_for);
}

// For every caller, the list, its filters and the similar-request search hold exactly (lists) or
// only (search) the requests a read by id admits: no leak through a filter, and nothing the caller
// may see is missing from their list.
TEST_F(RequestsAuthzTest, ListsAndSearchesHoldExactlyWhatReadsAdmit) {
  std::vector<int64_t> all;
  for (const char* kind : {"own_submitted", "own_routed", "in_submitted", "in_routed"}) all.push_back(Fresh(kind));
  all.push_back(CitizenRequest("诉求：用工合同纠纷。"));
  ASSERT_FALSE(HasFailure());
  const std::vector<std::string> queries = {
      "",
      "&q=" + UrlEncode("用工"),
      "&status=routed",
      "&department_id=" + std::to_string(facts_.other_dept),
      "&department_id=" + std::to_string(facts_.handler_dept),
      "&enterprise_id=" + std::to_string(facts_.in),
      "&enterprise_id=" + std::to_string(facts_.own_ent),
      "&region_id=" + std::to_string(facts_.zhangdian),
      "&category_code=labour",
  };
  // Every request there is (the admin's list), not only those made here.
  std::vector<int64_t> every;
  const json admin_all = As("admin", "GET", "/api/v1/requests?limit=500", nullptr, 200);
  for (const auto& item : admin_all["items"]) every.push_back(item["id"]);
  for (const auto& who : kCallers) {
    // The public use Open311 only (open311_test covers what they see there).
    if (who == "anonymous" || who == "public") continue;
    std::set<int64_t> readable;
    for (int64_t id : every) {
      if (Call(who, "GET", "/api/v1/requests/" + std::to_string(id)).status == 200) readable.insert(id);
    }
    for (const auto& query : queries) {
      const json admin_list = As("admin", "GET", "/api/v1/requests?limit=500" + query, nullptr, 200);
      std::set<int64_t> expected;
      for (const auto& item : admin_list["items"]) {
        if (readable.count(item["id"].get<int64_t>())) expected.insert(item["id"].get<int64_t>());
      }
      const json list = As(who, "GET", "/api/v1/requests?limit=500" + query, nullptr, 200);
      std::set<int64_t> got;
      for (const auto& item : list["items"]) got.insert(item["id"].get<int64_t>());
      EXPECT_EQ(got, expected) << who << " " << query;
      EXPECT_EQ(list["total"].get<size_t>(), got.size()) << who << " " << query;
    }
    const json similar = As(who, "GET", "/api/v1/requests/similar?title=" + UrlEncode("用工招工难"), nullptr, 200);
    for (const auto& m : similar["items"]) {
      EXPECT_TRUE(readable.count(m["request"]["id"].get<int64_t>())) << who << " was offered " << m["request"]["id"];
    }
  }
  // The liaison sees the requests of the enterprise they serve, and intake records them as its
  // liaison.
  const json liaison = As("liaison", "GET", "/api/v1/requests?limit=500", nullptr, 200);
  std::set<int64_t> liaison_ids;
  for (const auto& item : liaison["items"]) liaison_ids.insert(item["id"].get<int64_t>());
  EXPECT_TRUE(liaison_ids.count(all[2]) && liaison_ids.count(all[3]));
  EXPECT_FALSE(liaison_ids.count(all[0]) || liaison_ids.count(all[1]) || liaison_ids.count(all[4]));
  const json in_request = As("admin", "GET", "/api/v1/requests/" + std::to_string(all[2]), nullptr, 200);
  EXPECT_EQ(in_request["liaison_official_id"], facts_.liaison_official);
}

}  // namespace
}  // namespace zhitong::testing
