// The authorization matrices of the liaison, contacts, inspections, results and notifications
// endpoints, end to end over real sign-ins of every role in the demo city (the fixture is in
// authz_test_util.h). The expected cells follow the rules the README documents per module (the
// role tables under "Contacts", "Liaison", "Results", "Notifications") and issue 3's roles:
// admins manage; leaders read (a district leader their region); a liaison their enterprises; a
// handler their department; an enterprise its own; the public only what is published.
// Out-of-scope records are 404 where the module hides them (contacts, inbox items, officials,
// results units), 403 where a whole role is refused.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <set>

#include "api/authz_test_util.h"

namespace zhitong::testing {

using nlohmann::json;

// Paths: {self}: the liaison user's official; {other_official}: an official of another region;
// {other_region}: a region that is not 张店区.
const std::vector<Cell>& LiaisonMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                              admin ldr  dist disp liai hand ent  pub  anon
    {"POST", "/api/v1/liaison/plan",                                  "",          {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/liaison/assignments",                           "",          {200, 200, 200, 200, 200, 403, 200, 403, 401}},
    {"GET",  "/api/v1/liaison/assignments?enterprise_id={out}&status=all", "",     {200, 200, 200, 200, 200, 403, 200, 403, 401}},
    {"GET",  "/api/v1/officials/{self}/enterprises",                  "",          {200, 200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET",  "/api/v1/officials/{other_official}/enterprises",        "",          {200, 200, 404, 200, 404, 403, 403, 403, 401}},
    {"GET",  "/api/v1/officials/999999/enterprises",                  "",          {404, 404, 404, 404, 404, 403, 403, 403, 401}},
    // A liaison reads the coverage of the enterprises they serve (their gaps); another region
    // only narrows that to nothing.
    {"GET",  "/api/v1/liaison/coverage",                              "",          {200, 200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET",  "/api/v1/liaison/coverage?region_id={other_region}",     "",          {200, 200, 403, 200, 200, 403, 403, 403, 401}},
    {"GET",  "/api/v1/liaison/coverage?format=csv",                   "",          {200, 200, 200, 200, 200, 403, 403, 403, 401}},
    // Last: the admin's apply may change assignments.
    {"POST", "/api/v1/liaison/plan/apply",                            "apply",     {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  };
  // clang-format on
  return kMatrix;
}

// Paths: {in_contact}: a contact the liaison registered with an enterprise of 张店区 they serve;
// {own_contact}: one the handler registered (as their department) with the enterprise user's
// enterprise (outside 张店区); {pending_quiet}: a quiet period the enterprise asked for.
// Bodies: "contact": with an enterprise of 张店区 the liaison serves; "contact_out": with an
// enterprise of another region that is not the liaison's.
const std::vector<Cell>& ContactsMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                              admin ldr  dist disp liai hand ent  pub  anon
    {"POST", "/api/v1/contacts",                                      "contact",     {201, 201, 201, 403, 201, 201, 403, 403, 401}},
    {"POST", "/api/v1/contacts",                                      "contact_out", {201, 201, 403, 403, 403, 201, 403, 403, 401}},
    {"GET",  "/api/v1/contacts",                                      "",            {200, 200, 200, 200, 200, 200, 200, 403, 401}},
    {"GET",  "/api/v1/contacts/flagged",                              "",            {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/contacts/{in_contact}",                         "",            {200, 200, 200, 200, 200, 404, 404, 403, 401}},
    {"GET",  "/api/v1/contacts/{own_contact}",                        "",            {200, 200, 404, 200, 404, 200, 200, 403, 401}},
    {"GET",  "/api/v1/contacts/999999",                               "",            {404, 404, 404, 404, 404, 404, 404, 403, 401}},
    {"POST", "/api/v1/contacts/{own_contact}/rating",                 "rating",      {403, 403, 403, 403, 403, 403, 200, 403, 401}},
    {"POST", "/api/v1/contacts/{in_contact}/rating",                  "rating",      {403, 403, 403, 403, 403, 403, 404, 403, 401}},
    {"POST", "/api/v1/contacts/{in_contact}/report",                  "report",      {403, 403, 403, 403, 403, 403, 404, 403, 401}},
    {"POST", "/api/v1/contacts/{own_contact}/report",                 "report",      {403, 403, 403, 403, 403, 403, 201, 403, 401}},
    {"GET",  "/api/v1/quiet-periods",                                 "",            {200, 200, 200, 200, 200, 200, 200, 403, 401}},
    {"POST", "/api/v1/quiet-periods",                                 "quiet_own",   {201, 403, 403, 403, 403, 403, 201, 403, 401}},
    {"POST", "/api/v1/quiet-periods",                                 "quiet_in",    {201, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST", "/api/v1/quiet-periods/{pending_quiet}/decision",        "decision",    {200, 403, 403, 403, 403, 403, 403, 403, 401}},
  };
  // clang-format on
  return kMatrix;
}

// Paths: {draft}: a plan left a draft; {published}: a published plan; {to_publish}: a draft the
// admin's call publishes (everyone else is refused before the state matters).
const std::vector<Cell>& InspectionsMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                              admin ldr  dist disp liai hand ent  pub  anon
    {"POST", "/api/v1/inspection-plans",                              "plan",      {201, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/inspection-plans",                              "",          {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/inspection-plans/{draft}",                      "",          {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET",  "/api/v1/inspection-plans/999999",                       "",          {404, 404, 404, 404, 403, 403, 403, 403, 401}},
    {"POST", "/api/v1/inspection-plans/{to_publish}/publish",         "empty",     {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    // Published plans are public (公示): everyone, signed in or not; a draft is not.
    {"GET",  "/api/v1/public/inspection-plans",                       "",          {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET",  "/api/v1/public/inspection-plans/{published}",           "",          {200, 200, 200, 200, 200, 200, 200, 200, 200}},
    {"GET",  "/api/v1/public/inspection-plans/{draft}",               "",          {404, 404, 404, 404, 404, 404, 404, 404, 404}},
  };
  // clang-format on
  return kMatrix;
}

// Paths: {zhangdian}, {other_region}; {self}, {other_official}: officials; {handler_dept},
// {other_dept}: departments. The definitions are the published formulas, not figures.
const std::vector<Cell>& ResultsMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                                          admin ldr  dist disp liai hand ent  pub  anon
    {"GET", "/api/v1/results/definitions",                                         "",  {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET", "/api/v1/results/rates",                                               "",  {200, 200, 200, 200, 403, 200, 403, 403, 401}},
    {"GET", "/api/v1/results/rates?group=region",                                  "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/rates?group=liaison",                                 "",  {200, 200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/rates?group=city",                                    "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/rates/export?format=csv",                             "",  {200, 200, 200, 200, 403, 200, 403, 403, 401}},
    {"GET", "/api/v1/results/rankings?group=region",                               "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/trends",                                              "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/trends?group=region&id={zhangdian}",                  "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/trends?group=region&id={other_region}",               "",  {200, 200, 404, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/trends?group=liaison&id={self}",                      "",  {200, 200, 200, 200, 200, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/trends?group=liaison&id={other_official}",            "",  {200, 200, 404, 200, 404, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/trends?group=department&id={handler_dept}",           "",  {200, 200, 200, 200, 403, 200, 403, 403, 401}},
    {"GET", "/api/v1/results/trends?group=department&id={other_dept}",             "",  {200, 200, 200, 200, 403, 404, 403, 403, 401}},
    {"GET", "/api/v1/results/hot-issues",                                          "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/hot-issues/export?format=csv",                        "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
    {"GET", "/api/v1/results/hot-alerts",                                          "",  {200, 200, 403, 200, 403, 200, 403, 403, 401}},
    {"GET", "/api/v1/results/report",                                              "",  {200, 200, 200, 200, 403, 403, 403, 403, 401}},
  };
  // clang-format on
  return kMatrix;
}

// Paths: {handler_item}: an item of the handler's inbox; {hook}: a webhook; {fresh_hook}: one
// made anew just before the call.
const std::vector<Cell>& NotificationsMatrix() {
  // clang-format off
  static const std::vector<Cell> kMatrix = {
    //                                                                              admin ldr  dist disp liai hand ent  pub  anon
    {"GET",    "/api/v1/inbox",                                       "",          {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET",    "/api/v1/inbox?unread=true&limit=5",                   "",          {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"GET",    "/api/v1/inbox/unread_count",                          "",          {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST",   "/api/v1/inbox/{handler_item}/read",                   "",          {404, 404, 404, 404, 404, 200, 404, 404, 401}},
    {"POST",   "/api/v1/inbox/999999/read",                           "",          {404, 404, 404, 404, 404, 404, 404, 404, 401}},
    {"POST",   "/api/v1/inbox/read_all",                              "",          {200, 200, 200, 200, 200, 200, 200, 200, 401}},
    {"POST",   "/api/v1/webhooks",                                    "webhook",   {201, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/webhooks",                                    "",          {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/webhooks/{hook}",                             "",          {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/webhooks/999999",                             "",          {404, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"GET",    "/api/v1/webhooks/{hook}/deliveries",                  "",          {200, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"POST",   "/api/v1/webhooks/{hook}/deliveries/999999/retry",     "",          {404, 403, 403, 403, 403, 403, 403, 403, 401}},
    {"DELETE", "/api/v1/webhooks/{fresh_hook}",                       "",          {204, 403, 403, 403, 403, 403, 403, 403, 401}},
  };
  // clang-format on
  return kMatrix;
}

namespace {

class ModulesAuthzTest : public AuthzTest {
 protected:
  void SetUp() override {
    facts_ = LoadFacts();
    ASSERT_FALSE(HasFailure());
    other_region_ = AdminGet("/api/v1/enterprises/" + std::to_string(facts_.out))["region_id"];
    ids_ = {{"{in}", std::to_string(facts_.in)},
            {"{out}", std::to_string(facts_.out)},
            {"{own_ent}", std::to_string(facts_.own_ent)},
            {"{self}", std::to_string(facts_.liaison_official)},
            {"{other_official}", std::to_string(facts_.other_official)},
            {"{zhangdian}", std::to_string(facts_.zhangdian)},
            {"{other_region}", std::to_string(other_region_)},
            {"{handler_dept}", std::to_string(facts_.handler_dept)},
            {"{other_dept}", std::to_string(facts_.other_dept)}};
  }
  std::function<std::string(const std::string&, const std::string&)> Paths() {
    return [this](const std::string& path, const std::string&) { return Substitute(path, ids_); };
  }
  // A visit on a day that differs from call to call (the contact rules limit contacts per
  // enterprise and period; these stay far apart).
  json Visit(int64_t enterprise, int serial) {
    char when[32];
    std::snprintf(when, sizeof when, "2025-%02d-%02dT10:00:00+08:00", 1 + serial % 12, 1 + (serial / 12) % 28);
    return {{"enterprise_id", enterprise}, {"kind", "visit"}, {"purpose", "走访了解用工情况"}, {"started_at", when}};
  }

  void Liaison() {
    const json plan = As("admin", "POST", "/api/v1/liaison/plan", nullptr, 200);
    const std::string digest = plan.value("digest", "");
    ASSERT_EQ(digest.size(), 64u) << plan.dump().substr(0, 300);
    RunMatrix(LiaisonMatrix(), Paths(), [&](const std::string& key, const std::string&, const std::string&) {
      return key == "apply" ? json{{"digest", digest}}.dump() : std::string();
    });
  }

  // What lists hold, per caller: assignments within the caller's scope only.
  void LiaisonLists() {
    auto items = [&](const std::string& who) { return As(who, "GET", "/api/v1/liaison/assignments?limit=500", nullptr, 200)["items"]; };
    const json mine = items("liaison");
    EXPECT_FALSE(mine.empty());
    for (const auto& a : mine) EXPECT_EQ(a["official_id"], facts_.liaison_official) << a.dump();
    const json own = items("enterprise");
    for (const auto& a : own) EXPECT_EQ(a["enterprise_id"], facts_.own_ent) << a.dump();
    EXPECT_EQ(As("liaison", "GET", "/api/v1/liaison/assignments?enterprise_id=" + std::to_string(facts_.own_ent), nullptr,
                 200)["total"],
              0);
    EXPECT_EQ(As("enterprise", "GET", "/api/v1/liaison/assignments?enterprise_id=" + std::to_string(facts_.in), nullptr,
                 200)["total"],
              0);
    EXPECT_EQ(As("district_leader", "GET", "/api/v1/liaison/assignments?enterprise_id=" + std::to_string(facts_.out),
                 nullptr, 200)["total"],
              0);
    EXPECT_GT(As("leader", "GET", "/api/v1/liaison/assignments?enterprise_id=" + std::to_string(facts_.out), nullptr,
                 200)["total"],
              0);
  }

  void Contacts() {
    const json served = AdminGet("/api/v1/officials/" + std::to_string(facts_.liaison_official) + "/enterprises");
    ASSERT_FALSE(served["items"].empty());
    int serial = 0;
    const json in_contact = As("liaison", "POST", "/api/v1/contacts", Visit(facts_.in, ++serial), 201);
    const json own_contact = As("handler", "POST", "/api/v1/contacts", Visit(facts_.own_ent, ++serial), 201);
    const json pending = As("enterprise", "POST", "/api/v1/quiet-periods",
                            {{"enterprise_id", facts_.own_ent}, {"starts_on", "2032-01-01"}, {"ends_on", "2032-01-05"},
                             {"reason", "年度检修"}},
                            201);
    ASSERT_FALSE(HasFailure());
    ids_["{in_contact}"] = std::to_string(in_contact["id"].get<int64_t>());
    ids_["{own_contact}"] = std::to_string(own_contact["id"].get<int64_t>());
    ids_["{pending_quiet}"] = std::to_string(pending["id"].get<int64_t>());
    auto body_for = [&](const std::string& key, const std::string&, const std::string& who) -> std::string {
      ++serial;
      if (key.empty()) return "";
      if (key == "contact" || key == "contact_out") {
        const auto& items = served["items"];
        json visit = Visit(key == "contact_out" ? facts_.out
                                                : items[static_cast<size_t>(serial) % items.size()]["id"].get<int64_t>(),
                           serial);
        // An administrator registers on behalf of someone: here the other department.
        if (who == "admin") visit["department_ids"] = {facts_.other_dept};
        return visit.dump();
      }
      if (key == "rating") return json{{"level", "satisfied"}, {"comment", "沟通顺畅"}}.dump();
      if (key == "report") return json{{"reason", "同一事项反复上门，影响生产"}}.dump();
      if (key == "quiet_own" || key == "quiet_in") {
        char from[16], to[16];
        std::snprintf(from, sizeof from, "2031-%02d-01", 1 + serial % 12);
        std::snprintf(to, sizeof to, "2031-%02d-05", 1 + serial % 12);
        return json{{"enterprise_id", key == "quiet_own" ? facts_.own_ent : facts_.in}, {"starts_on", from},
                    {"ends_on", to}, {"reason", "设备检修"}}.dump();
      }
      if (key == "decision") return json{{"approve", true}}.dump();
      ADD_FAILURE() << "no body " << key;
      return "";
    };
    RunMatrix(ContactsMatrix(), Paths(), body_for);
  }

  void Inspections() {
    int serial = 0;
    auto plan = [&] {
      return json{{"title", "劳动保障随机抽查 " + std::to_string(++serial)}, {"department_ids", {facts_.handler_dept}},
                  {"roster", {facts_.liaison_official, facts_.other_official}}, {"starts_on", "2026-04-01"},
                  {"ends_on", "2026-06-30"}, {"target_count", 1},
                  {"seed", "matrix-" + std::to_string(serial)}};
    };
    const json draft = As("admin", "POST", "/api/v1/inspection-plans", plan(), 201);
    const json published = As("admin", "POST", "/api/v1/inspection-plans", plan(), 201);
    const json to_publish = As("admin", "POST", "/api/v1/inspection-plans", plan(), 201);
    ASSERT_FALSE(HasFailure()) << draft.dump().substr(0, 300);
    As("admin", "POST", "/api/v1/inspection-plans/" + std::to_string(published["id"].get<int64_t>()) + "/publish",
       json::object(), 200);
    ids_["{draft}"] = std::to_string(draft["id"].get<int64_t>());
    ids_["{published}"] = std::to_string(published["id"].get<int64_t>());
    ids_["{to_publish}"] = std::to_string(to_publish["id"].get<int64_t>());
    RunMatrix(InspectionsMatrix(), Paths(), [&](const std::string& key, const std::string&, const std::string&) {
      if (key == "plan") return plan().dump();
      if (key == "empty") return std::string("{}");
      return std::string();
    });
  }

  void Results() {
    RunMatrix(ResultsMatrix(), Paths(), [](const std::string&, const std::string&, const std::string&) { return std::string(); });
  }

  void Notifications() {
    // A request the enterprise files, routed to the handler's department: the handler is told.
    const json made = As("enterprise", "POST", "/api/v1/requests",
                         {{"kind", "problem"}, {"category_code", "labour"}, {"title", "用工招工难"},
                          {"description", "诉求：春节后用工缺口较大，请协调招聘会。"}},
                         201);
    const std::string path = "/api/v1/requests/" + std::to_string(made.value("id", int64_t{0}));
    As("dispatcher", "POST", path + "/actions/accept", {{"version", 1}}, 200);
    As("dispatcher", "POST", path + "/actions/route", {{"version", 2}, {"department_id", facts_.handler_dept}}, 200);
    json inbox;
    for (int i = 0; i < 100; ++i) {  // delivery to inboxes may follow the change; wait for it
      inbox = As("handler", "GET", "/api/v1/inbox?limit=1", nullptr, 200);
      if (!inbox["items"].empty()) break;
      ::usleep(50'000);
    }
    ASSERT_FALSE(inbox["items"].empty()) << inbox.dump();
    ids_["{handler_item}"] = std::to_string(inbox["items"][0]["id"].get<int64_t>());
    auto hook = [] { return json{{"url", "http://127.0.0.1:9/hook"}, {"topics", {"request.escalate"}}}; };
    const json made_hook = As("admin", "POST", "/api/v1/webhooks", hook(), 201);
    ASSERT_FALSE(HasFailure());
    ids_["{hook}"] = std::to_string(made_hook["id"].get<int64_t>());
    auto path_for = [&](const std::string& p, const std::string&) {
      std::string out = Substitute(p, ids_);
      if (out.find("{fresh_hook}") != std::string::npos) {
        out = Substitute(out, {{"{fresh_hook}", std::to_string(As("admin", "POST", "/api/v1/webhooks", hook(), 201)["id"].get<int64_t>())}});
      }
      return out;
    };
    RunMatrix(NotificationsMatrix(), path_for, [&](const std::string& key, const std::string&, const std::string&) {
      return key == "webhook" ? hook().dump() : std::string();
    });
  }

  DemoFacts facts_;
  int64_t other_region_ = 0;
  std::map<std::string, std::string> ids_;
};

// One server (and one demo city) per test keeps the time down: contacts before liaison, whose
// plan apply may move assignments.
TEST_F(ModulesAuthzTest, ContactsAndLiaisonEveryRoleOnEveryEndpoint) {
  Contacts();
  LiaisonLists();
  Liaison();
}

TEST_F(ModulesAuthzTest, InspectionsResultsAndNotificationsEveryRoleOnEveryEndpoint) {
  Inspections();
  Results();
  Notifications();
}

}  // namespace
}  // namespace zhitong::testing
