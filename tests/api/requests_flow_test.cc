// End to end over HTTP with real sign-ins: requests walked through every state — dispute of a
// routing, co-handling, pause (补正), transfer, reply, bad rating, appeal, rectification, revisit,
// reopen, rejection, withdrawal and merge — with due times checked against dates computed by hand
// on the published calendar around Spring Festival 2025 and National Day 2024.
#include <gtest/gtest.h>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

json Labour(const std::string& title) {
  return {{"kind", "problem"}, {"category_code", "labour"}, {"title", title},
          {"description", title + "，希望人社部门协调解决。"}};
}

class RequestsFlowTest : public RequestsApiTest {};

TEST_F(RequestsFlowTest, EveryStateAroundSpringFestival2025) {
  StartServer("req_flow_spring", "2025-01-24T10:00:00");
  // Friday 24 January 2025. Sunday 26th is a make-up workday; 28 Jan – 4 Feb are off; Saturday
  // 8 February is worked. Office hours: the whole day.
  json r = Submit("ent1", "2025-01-24T10:00:00", Labour("春节前后招工难，缺少熟练技工"));
  const int64_t id = r["id"];
  EXPECT_EQ(r["status"], "submitted");
  EXPECT_EQ(r["status_zh"], "已提交");
  EXPECT_EQ(r["channel"], "web");
  EXPECT_EQ(r["enterprise_name"], "淄博华光陶瓷有限公司");
  EXPECT_EQ(r["category_name"], "用工招工");
  EXPECT_EQ(r["submitted_at"], "2025-01-24T10:00:00+08:00");
  EXPECT_EQ(r["due"]["accept_due_at"], "2025-01-26T10:00:00+08:00");
  EXPECT_EQ(r["sla"], "on_time");
  EXPECT_EQ(r["remaining_seconds"], 48 * 3600);
  EXPECT_EQ(r["allowed_actions"], json({"withdraw"}));

  Must("dispatcher", id, "accept", "2025-01-24T11:00:00");
  r = Must("dispatcher", id, "route", "2025-01-27T09:00:00", {{"department_id", 2}});
  EXPECT_EQ(r["status"], "routed");
  EXPECT_EQ(r["handling_department_name"], "市工信局");
  // The Industry Bureau disputes the routing; the dispatcher routes to Human Resources instead.
  auto no_reason = Act("gx", id, "dispute_routing", "2025-01-27T09:30:00");
  EXPECT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(JsonBody(no_reason)["error"]["code"], "request.reason_required");
  r = Must("gx", id, "dispute_routing", "2025-01-27T09:30:00", {{"note", "属人社部门职责"}});
  EXPECT_EQ(r["status"], "accepted");
  EXPECT_EQ(Get("gx", "/api/v1/requests/" + std::to_string(id)).status, 404);
  r = Must("dispatcher", id, "route", "2025-01-27T10:00:00", {{"department_id", 1}});
  EXPECT_EQ(r["due"]["sign_due_at"], "2025-02-05T10:00:00+08:00");
  EXPECT_EQ(r["due"]["reply_due_at"], "2025-02-10T10:00:00+08:00");
  EXPECT_EQ(r["due"]["current_due_at"], "2025-02-05T10:00:00+08:00");

  r = Must("hr", id, "sign", "2025-02-05T09:00:00");
  EXPECT_EQ(r["status"], "signed");
  r = Must("hr", id, "start", "2025-02-05T09:30:00");
  EXPECT_EQ(r["status"], "in_progress");
  r = Must("hr", id, "add_cohandler", "2025-02-05T09:40:00", {{"department_id", 3}});
  EXPECT_EQ(r["cohandling_department_ids"], json({3}));
  EXPECT_EQ(Get("gd", "/api/v1/requests/" + std::to_string(id)).status, 200);

  // 补正: the reply clock stops from 6 Feb 10:00 to 10 Feb 10:00 (three working days).
  r = Must("hr", id, "request_info", "2025-02-06T10:00:00", {{"note", "请补充岗位需求表"}});
  EXPECT_EQ(r["status"], "waiting_requester");
  EXPECT_EQ(r["sla"], "paused");
  EXPECT_EQ(r["allowed_actions"], json({"add_cohandler"}));
  SetNow("2025-02-08T12:00:00");
  EXPECT_EQ(JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id)))["allowed_actions"],
            json({"supply_info", "withdraw"}));
  r = Must("ent1", id, "supply_info", "2025-02-10T10:00:00", {{"note", "已补充"}});
  EXPECT_EQ(r["status"], "in_progress");
  EXPECT_EQ(r["due"]["reply_due_at"], "2025-02-13T10:00:00+08:00");

  // Transfer starts a new round: sign by 12 Feb 10:00, reply by 18 Feb 10:00 (15–16 Feb is an
  // ordinary weekend).
  auto version_before = r["version"].get<int64_t>();
  r = Must("hr", id, "transfer", "2025-02-11T10:00:00", {{"department_id", 2}, {"note", "涉及企业技改用工，转工信局"}});
  EXPECT_EQ(r["status"], "routed");
  EXPECT_EQ(r["handling_department_id"], 2);
  EXPECT_EQ(r["due"]["sign_due_at"], "2025-02-12T10:00:00+08:00");
  EXPECT_EQ(r["due"]["reply_due_at"], "2025-02-18T10:00:00+08:00");
  // A second handler acting on the version they saw before is refused.
  auto stale = Act("hr", id, "transfer", "2025-02-11T10:01:00",
                   {{"version", version_before}, {"department_id", 3}, {"note", "再转"}});
  EXPECT_EQ(stale.status, 404);  // hr no longer handles it: out of its scope
  auto conflict = Act("gx", id, "sign", "2025-02-11T10:01:00", {{"version", version_before}});
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(JsonBody(conflict)["error"]["code"], "request.version_conflict");

  Must("gx", id, "sign", "2025-02-11T11:00:00");
  Must("gx", id, "start", "2025-02-11T11:30:00");
  r = Must("gx", id, "reply", "2025-02-12T10:00:00", {{"note", "已协调职业学校定向输送 30 名技工"}});
  EXPECT_EQ(r["status"], "replied");
  EXPECT_EQ(r["sla"], "done");
  EXPECT_EQ(r["allowed_actions"], json::array());
  EXPECT_EQ(JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id)))["allowed_actions"], json({"rate"}));

  // A bad rating: rectification due in 5 working days (12 Feb 15:00 → 19 Feb 15:00).
  r = Must("ent1", id, "rate", "2025-02-12T15:00:00", {{"rating", "dissatisfied"}, {"note", "人数不够"}});
  EXPECT_EQ(r["status"], "replied");
  EXPECT_EQ(r["rating"]["level"], "dissatisfied");
  EXPECT_EQ(r["rectification"], "pending");
  EXPECT_EQ(r["due"]["rectify_due_at"], "2025-02-19T15:00:00+08:00");
  EXPECT_EQ(r["sla"], "on_time");
  auto twice = Act("ent1", id, "rate", "2025-02-12T15:05:00", {{"rating", "satisfied"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(JsonBody(twice)["error"]["code"], "request.already_rated");
  // The handler appeals; an administrator dismisses the appeal.
  r = Must("gx", id, "appeal", "2025-02-13T09:00:00", {{"note", "已按承诺输送"}});
  EXPECT_EQ(r["appeal"], "pending");
  EXPECT_EQ(JsonBody(Get("admin", "/api/v1/requests/" + std::to_string(id)))["allowed_actions"],
            json({"decide_appeal"}));
  auto undecided = Act("admin", id, "decide_appeal", "2025-02-13T10:00:00");
  EXPECT_EQ(undecided.status, 400);
  r = Must("admin", id, "decide_appeal", "2025-02-13T10:00:00", {{"upheld", false}});
  EXPECT_EQ(r["appeal"], "dismissed");
  // Rectification, then the revisit closes the request.
  r = Must("gx", id, "rectify", "2025-02-14T10:00:00", {{"note", "追加输送 20 名技工"}});
  EXPECT_EQ(r["rectification"], "rectified");
  r = Must("ent1", id, "revisit", "2025-02-17T10:00:00", {{"rating", "satisfied"}});
  EXPECT_EQ(r["status"], "closed");
  EXPECT_EQ(r["revisit_level"], "satisfied");
  EXPECT_EQ(r["sla"], "done");
  // Reopened by the requester: back to the department that answered, then answered and rated.
  r = Must("ent1", id, "reopen", "2025-03-03T09:00:00", {{"note", "新招技工流失"}});
  EXPECT_EQ(r["status"], "routed");
  EXPECT_EQ(r["due"]["sign_due_at"], "2025-03-04T09:00:00+08:00");
  Must("gx", id, "sign", "2025-03-03T10:00:00");
  Must("gx", id, "reply", "2025-03-04T10:00:00", {{"note", "已组织稳岗培训"}});
  r = Must("ent1", id, "rate", "2025-03-04T12:00:00", {{"rating", "very_satisfied"}});
  EXPECT_EQ(r["status"], "closed");

  // The timeline: every change an event, hash-chained.
  auto events = JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id) + "/events"));
  EXPECT_EQ(events["chain_valid"], true);
  const auto& items = events["items"];
  ASSERT_EQ(items.size(), 23u) << events.dump(1);
  EXPECT_EQ(items[0]["action"], "submit");
  EXPECT_EQ(items[0]["prev_hash"], "");
  for (size_t i = 1; i < items.size(); ++i) {
    EXPECT_EQ(items[i]["seq"], static_cast<int64_t>(i + 1));
    EXPECT_EQ(items[i]["prev_hash"], items[i - 1]["hash"]);
  }
  EXPECT_EQ(items[8]["action"], "request_info");
  EXPECT_EQ(items[8]["action_zh"], "要求补正");
  EXPECT_EQ(items[8]["at"], "2025-02-06T10:00:00+08:00");
  EXPECT_EQ(items[8]["actor_role"], "handler");
}

TEST_F(RequestsFlowTest, NationalDay2024RectificationAndUpheldAppeal) {
  StartServer("req_flow_national", "2024-09-28T10:00:00");
  // Saturday 28 September 2024 is a day off; Sunday 29th is a make-up workday; 1–7 October are
  // off; Saturday 12 October is worked.
  json r = Submit("ent1", "2024-09-28T10:00:00", Labour("国庆前用工缺口"));
  const int64_t id = r["id"];
  EXPECT_EQ(r["due"]["accept_due_at"], "2024-09-30T00:00:00+08:00");
  Must("dispatcher", id, "accept", "2024-09-29T09:00:00");
  r = Must("dispatcher", id, "route", "2024-09-29T10:00:00", {{"department_id", 1}});
  EXPECT_EQ(r["due"]["sign_due_at"], "2024-09-30T10:00:00+08:00");
  EXPECT_EQ(r["due"]["reply_due_at"], "2024-10-11T10:00:00+08:00");
  Must("hr", id, "sign", "2024-09-29T11:00:00");
  SetNow("2024-10-10T12:00:00");
  EXPECT_EQ(JsonBody(Get("hr", "/api/v1/requests/" + std::to_string(id)))["sla"], "near_due");
  SetNow("2024-10-11T10:00:01");
  EXPECT_EQ(JsonBody(Get("hr", "/api/v1/requests/" + std::to_string(id)))["sla"], "overdue");
  auto overdue = JsonBody(Get("hr", "/api/v1/requests?overdue=true"));
  EXPECT_EQ(overdue["total"], 1);
  Must("hr", id, "reply", "2024-10-11T11:00:00", {{"note", "已发布专场招聘会信息"}});
  r = Must("ent1", id, "rate", "2024-10-11T15:00:00", {{"rating", "very_dissatisfied"}});
  // 11 Oct 15:00 + 5 working days: Saturday 12th is worked, Sunday 13th is not → 17 Oct 15:00.
  EXPECT_EQ(r["due"]["rectify_due_at"], "2024-10-17T15:00:00+08:00");
  Must("hr", id, "appeal", "2024-10-12T09:00:00", {{"note", "评价与答复内容无关"}});
  r = Must("admin", id, "decide_appeal", "2024-10-14T09:00:00", {{"upheld", true}});
  EXPECT_EQ(r["appeal"], "upheld");
  EXPECT_EQ(r["rating"]["voided"], true);
  EXPECT_EQ(r["status"], "closed");
}

TEST_F(RequestsFlowTest, RejectWithdrawMergeAndSimilar) {
  StartServer("req_flow_misc", "2025-03-03T09:00:00");
  const int64_t first = Submit("ent1", "2025-03-03T09:00:00", Labour("园区道路破损影响货车通行"))["id"];
  const int64_t second = Submit("ent2", "2025-03-03T10:00:00", Labour("园区道路破损影响物流车辆通行"))["id"];
  const int64_t third = Submit("ent1", "2025-03-03T11:00:00", Labour("咨询稳岗补贴"))["id"];
  json phone = Labour("电话反映：招聘会场地");
  phone["channel"] = "phone";
  phone["enterprise_id"] = 2;
  const int64_t fourth = Submit("dispatcher", "2025-03-03T11:30:00", phone)["id"];

  auto similar = JsonBody(Get("dispatcher", "/api/v1/requests/similar?enterprise_id=2&title=" +
                                                UrlEncode("园区道路破损")));
  ASSERT_GE(similar["items"].size(), 2u) << similar.dump();
  EXPECT_GT(similar["items"][0]["score"].get<double>(), 0.3);
  // An enterprise's suggestions come only from what it may see.
  auto own = JsonBody(Get("ent2", "/api/v1/requests/similar?title=" + UrlEncode("园区道路破损")));
  ASSERT_EQ(own["items"].size(), 1u) << own.dump();
  EXPECT_EQ(own["items"][0]["request"]["id"], second);

  json r = Must("dispatcher", second, "merge", "2025-03-03T12:00:00", {{"target_id", first}, {"note", "同一问题"}});
  EXPECT_EQ(r["status"], "merged");
  EXPECT_EQ(r["merged_into"], first);
  auto backwards = Act("dispatcher", first, "merge", "2025-03-03T12:01:00", {{"target_id", fourth}});
  EXPECT_EQ(backwards.status, 400) << backwards.body;
  r = Must("ent1", third, "withdraw", "2025-03-03T12:10:00");
  EXPECT_EQ(r["status"], "withdrawn");
  r = Must("dispatcher", fourth, "reject", "2025-03-03T12:20:00", {{"note", "不属于诉求受理范围"}});
  EXPECT_EQ(r["status"], "rejected");
  EXPECT_EQ(r["channel"], "phone");
  auto again = Act("dispatcher", fourth, "accept", "2025-03-03T12:30:00");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(JsonBody(again)["error"]["code"], "request.invalid_transition");
  auto unknown = Act("dispatcher", first, "fly", "2025-03-03T12:30:00");
  EXPECT_EQ(unknown.status, 404);
}

}  // namespace
}  // namespace zhitong::testing
