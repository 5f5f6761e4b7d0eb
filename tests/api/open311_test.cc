// Open311 GeoReport v2 contract over real HTTP (http://wiki.open311.org/GeoReport_v2): every
// endpoint in both formats — XML parsed with pugixml, JSON with nlohmann — with the standard's
// root elements, field names, content types and error documents (400, 403, 404).
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <set>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

class Open311Test : public RequestsApiTest {
 protected:
  void SetUp() override {
    StartServer("open311", "2025-03-03T09:00:00");
    citizen_key_ = ApiKey("citizen");
    ASSERT_EQ(citizen_key_.rfind("ztk_", 0), 0u) << citizen_key_;
  }
  HttpResult Get311(const std::string& target) { return server_->client().Get(target); }

  // The body as XML; checks the declaration and the content type.
  static pugi::xml_document Xml(const HttpResult& r) {
    EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8");
    EXPECT_EQ(r.body.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u) << r.body.substr(0, 200);
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(r.body.c_str())) << r.body;
    return doc;
  }
  static json Json(const HttpResult& r) {
    EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
    return JsonBody(r);
  }
  // Checks an error document in both formats: the status, and code = status in every error.
  void ExpectErrors(const std::string& method, const std::string& target_without_format, int status,
                    const std::string& body = "") {
    for (const std::string ext : {".xml", ".json"}) {
      std::string target = target_without_format;
      target.insert(std::min(target.find('?'), target.size()), ext);
      auto r = method == "GET" ? Get311(target) : PostForm(target, body);
      EXPECT_EQ(r.status, status) << method << " " << target << ": " << r.body;
      if (ext == ".xml") {
        auto doc = Xml(r);
        auto error = doc.child("errors").child("error");
        ASSERT_TRUE(error) << r.body;
        EXPECT_EQ(error.child("code").text().as_int(), status);
        EXPECT_FALSE(std::string(error.child_value("description")).empty());
      } else {
        auto j = Json(r);
        ASSERT_TRUE(j.is_array() && !j.empty()) << r.body;
        EXPECT_EQ(j[0]["code"], status);
        EXPECT_TRUE(j[0]["description"].is_string());
      }
    }
  }
  std::string citizen_key_;
};

TEST_F(Open311Test, DiscoveryInBothFormats) {
  auto x = Get311("/open311/discovery.xml");
  ASSERT_EQ(x.status, 200);
  auto doc = Xml(x);
  auto endpoint = doc.child("discovery").child("endpoints").child("endpoint");
  EXPECT_STREQ(endpoint.child_value("specification"), "http://wiki.open311.org/GeoReport_v2");
  EXPECT_EQ(std::string(endpoint.child_value("url")), "http://127.0.0.1:" + std::to_string(server_->port()) + "/open311/v2");
  EXPECT_STREQ(endpoint.child_value("type"), "production");
  std::set<std::string> formats;
  for (auto f : endpoint.child("formats").children("format")) formats.insert(f.child_value());
  EXPECT_EQ(formats, (std::set<std::string>{"text/xml", "application/json"}));
  for (const char* field : {"changeset", "contact", "key_service"}) {
    EXPECT_FALSE(std::string(doc.child("discovery").child_value(field)).empty()) << field;
  }

  auto j = Json(Get311("/open311/discovery.json"));
  EXPECT_EQ(j["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
  EXPECT_EQ(j["endpoints"][0]["formats"], json({"text/xml", "application/json"}));
  EXPECT_EQ(j["changeset"], doc.child("discovery").child_value("changeset"));
}

TEST_F(Open311Test, ServicesAndServiceDefinitions) {
  auto j = Json(Get311("/open311/v2/services.json"));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), JsonBody(Get("admin", "/api/v1/categories"))["items"].size());  // the active categories
  EXPECT_EQ(j[0]["service_code"], "labour");
  EXPECT_EQ(j[0]["service_name"], "用工招工");
  EXPECT_EQ(j[0]["metadata"], true);
  EXPECT_EQ(j[0]["type"], "realtime");
  for (const char* field : {"description", "keywords", "group"}) EXPECT_TRUE(j[0].contains(field)) << field;

  auto doc = Xml(Get311("/open311/v2/services.xml"));
  size_t n = 0;
  for (auto s : doc.child("services").children("service")) {
    if (n == 0) {
      EXPECT_STREQ(s.child_value("service_code"), "labour");
      EXPECT_STREQ(s.child_value("metadata"), "true");
    }
    ++n;
  }
  EXPECT_EQ(n, j.size());

  auto def = Json(Get311("/open311/v2/services/power.json"));
  EXPECT_EQ(def["service_code"], "power");
  ASSERT_EQ(def["attributes"].size(), 3u);
  EXPECT_EQ(def["attributes"][0]["code"], "kind");
  EXPECT_EQ(def["attributes"][0]["order"], 1);
  auto xdef = Xml(Get311("/open311/v2/services/power.xml"));
  auto attr = xdef.child("service_definition").child("attributes").child("attribute");
  EXPECT_STREQ(attr.child_value("code"), "kind");
  EXPECT_STREQ(attr.child_value("datatype"), "singlevaluelist");
  EXPECT_STREQ(attr.child("values").child("value").child_value("key"), "problem");

  ExpectErrors("GET", "/open311/v2/services/potholes", 404);
  ExpectErrors("GET", "/open311/v2/tokens/abc123", 404);
  EXPECT_EQ(Get311("/open311/v2/services/power.csv").status, 404);
  EXPECT_EQ(Get311("/open311/v2/no/such/thing").status, 404);
}

TEST_F(Open311Test, PostServiceRequestInBothFormatsAndReadItBack) {
  const std::string form = "jurisdiction_id=zibo.gov.cn&service_code=power&lat=36.8131&long=118.0549"
                           "&address_string=" + UrlEncode("张店区人民西路") +
                           "&description=" + UrlEncode("路口路灯连续三晚不亮") +
                           "&account_id=acct-9&email=a%40example.org&attribute[priority]=urgent";
  SetNow("2025-03-03T09:00:00");
  auto x = PostForm("/open311/v2/requests.xml", "api_key=" + citizen_key_ + "&" + form);
  ASSERT_EQ(x.status, 200) << x.body;
  auto created_doc = Xml(x);
  auto created = created_doc.child("service_requests").child("request");
  const int64_t id = created.child("service_request_id").text().as_llong();
  EXPECT_GT(id, 0);
  EXPECT_STREQ(created.child_value("account_id"), "acct-9");
  EXPECT_FALSE(created.child("token"));  // realtime: an id, never a token

  SetNow("2025-03-03T09:10:00");
  auto j = PostForm("/open311/v2/requests.json", "api_key=" + citizen_key_ + "&" + form);
  ASSERT_EQ(j.status, 200) << j.body;
  const int64_t id2 = Json(j)[0]["service_request_id"];
  EXPECT_GT(id2, id);

  // Read back, without a key (citizens' Open311 reports are public), in both formats.
  SetNow("2025-03-03T10:00:00");
  auto one = Json(Get311("/open311/v2/requests/" + std::to_string(id) + ".json"));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["service_request_id"], id);
  EXPECT_EQ(one[0]["status"], "open");
  EXPECT_EQ(one[0]["service_code"], "power");
  EXPECT_EQ(one[0]["service_name"], "供电用电");
  EXPECT_EQ(one[0]["description"], "路口路灯连续三晚不亮");
  EXPECT_EQ(one[0]["address"], "张店区人民西路");
  EXPECT_DOUBLE_EQ(one[0]["lat"].get<double>(), 36.8131);
  EXPECT_DOUBLE_EQ(one[0]["long"].get<double>(), 118.0549);
  EXPECT_EQ(one[0]["requested_datetime"], "2025-03-03T09:00:00+08:00");
  EXPECT_TRUE(one[0]["agency_responsible"].is_null());  // not routed yet
  EXPECT_TRUE(one[0]["expected_datetime"].is_null());
  auto xone = Xml(Get311("/open311/v2/requests/" + std::to_string(id) + ".xml"));
  auto req = xone.child("service_requests").child("request");
  EXPECT_EQ(req.child("service_request_id").text().as_llong(), id);
  EXPECT_STREQ(req.child_value("status"), "open");
  EXPECT_STREQ(req.child_value("requested_datetime"), "2025-03-03T09:00:00+08:00");

  // Through the same path as every request: channel open311, urgent, in the dispatcher's queue.
  auto internal = JsonBody(Get("dispatcher", "/api/v1/requests/" + std::to_string(id)));
  EXPECT_EQ(internal["channel"], "open311");
  EXPECT_EQ(internal["priority"], "urgent");
  EXPECT_EQ(internal["title"], "路口路灯连续三晚不亮");

  // Routed to the power company: agency_responsible and expected_datetime (urgent: 12 hours).
  Must("dispatcher", id, "accept", "2025-03-03T10:00:00");
  Must("dispatcher", id, "route", "2025-03-03T10:05:00", {{"department_id", 3}});
  SetNow("2025-03-03T10:10:00");
  one = Json(Get311("/open311/v2/requests/" + std::to_string(id) + ".json"));
  EXPECT_EQ(one[0]["agency_responsible"], "供电公司");
  EXPECT_EQ(one[0]["expected_datetime"], "2025-03-03T22:05:00+08:00");
  // Rejected is closed for Open311.
  Must("dispatcher", id2, "reject", "2025-03-03T10:20:00", {{"note", "与前一条重复"}});
  SetNow("2025-03-03T10:30:00");
  auto closed = Json(Get311("/open311/v2/requests/" + std::to_string(id2) + ".json"));
  EXPECT_EQ(closed[0]["status"], "closed");
  EXPECT_EQ(closed[0]["updated_datetime"], "2025-03-03T10:20:00+08:00");
}

TEST_F(Open311Test, GetServiceRequestsFiltersAndPages) {
  const std::string where = "&address_string=" + UrlEncode("张店区");
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(SubmitOpen311(citizen_key_, "2025-03-0" + std::to_string(3 + i) + "T09:00:00",
                                std::string("service_code=") + (i == 2 ? "labour" : "power") + where +
                                    "&description=" + UrlEncode("第" + std::to_string(i) + "件")));
  }
  // An enterprise's request is never published, even when filed through Open311.
  const std::string ent_key = ApiKey("ent1");
  const int64_t ent = SubmitOpen311(ent_key, "2025-03-06T09:00:00", "service_code=labour" + where + "&description=x");
  Must("dispatcher", ids[0], "reject", "2025-03-06T10:00:00", {{"note", "重复"}});
  SetNow("2025-03-07T09:00:00");

  auto all = Json(Get311("/open311/v2/requests.json"));
  ASSERT_EQ(all.size(), 3u) << all.dump();
  EXPECT_EQ(all[0]["service_request_id"], ids[2]);  // newest first
  auto doc = Xml(Get311("/open311/v2/requests.xml"));
  size_t n = 0;
  for (auto r : doc.child("service_requests").children("request")) n += !r.child("service_request_id").empty();
  EXPECT_EQ(n, 3u);

  EXPECT_EQ(Json(Get311("/open311/v2/requests.json?status=closed")).size(), 1u);
  EXPECT_EQ(Json(Get311("/open311/v2/requests.json?status=open")).size(), 2u);
  EXPECT_EQ(Json(Get311("/open311/v2/requests.json?service_code=labour")).size(), 1u);
  auto page2 = Json(Get311("/open311/v2/requests.json?page_size=2&page=2"));
  ASSERT_EQ(page2.size(), 1u);
  EXPECT_EQ(page2[0]["service_request_id"], ids[0]);
  auto by_id = Json(Get311("/open311/v2/requests.json?service_request_id=" + std::to_string(ids[0]) + "," +
                           std::to_string(ids[2]) + "," + std::to_string(ent) + "&status=open"));
  EXPECT_EQ(by_id.size(), 2u);  // the ids override the status; the enterprise's stays unseen
  EXPECT_EQ(Json(Get311("/open311/v2/requests.json?start_date=2025-03-04T00:00:00%2B08:00&end_date=2025-03-04T23:59:59%2B08:00"))
                .size(),
            1u);
  // The 90-day default window: nothing, three months later.
  SetNow("2025-06-10T09:00:00");
  EXPECT_EQ(Json(Get311("/open311/v2/requests.json")).size(), 0u);
  // The enterprise's own key shows its own request.
  auto mine = Json(Get311("/open311/v2/requests.json?api_key=" + ent_key + "&start_date=2025-03-01T00:00:00Z"));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["service_request_id"], ent);

  ExpectErrors("GET", "/open311/v2/requests/" + std::to_string(ent), 404);
  ExpectErrors("GET", "/open311/v2/requests/999999", 404);
  ExpectErrors("GET", "/open311/v2/requests?status=pending", 400);
  ExpectErrors("GET", "/open311/v2/requests?page_size=5000", 400);
  ExpectErrors("GET", "/open311/v2/requests?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z", 400);
  ExpectErrors("GET", "/open311/v2/requests?api_key=ztk_not_a_key", 403);
}

TEST_F(Open311Test, PostErrorsAreTheStandardsErrors) {
  const std::string ok = "service_code=power&address_id=A-1&description=" + UrlEncode("停电");
  ExpectErrors("POST", "/open311/v2/requests", 403, ok);                               // no api_key
  ExpectErrors("POST", "/open311/v2/requests", 403, "api_key=ztk_wrong&" + ok);        // unknown key
  ExpectErrors("POST", "/open311/v2/requests", 403, "api_key=zts_session&" + ok);      // not an API key
  ExpectErrors("POST", "/open311/v2/requests", 404, "api_key=" + citizen_key_ + "&service_code=potholes&address_id=1&description=x");
  ExpectErrors("POST", "/open311/v2/requests", 400, "api_key=" + citizen_key_ + "&description=x&address_id=1");
  ExpectErrors("POST", "/open311/v2/requests", 400, "api_key=" + citizen_key_ + "&service_code=power&description=x");
  ExpectErrors("POST", "/open311/v2/requests", 400, "api_key=" + citizen_key_ + "&" + ok + "&attribute[kind]=rant");
  ExpectErrors("POST", "/open311/v2/requests", 400, "api_key=" + citizen_key_ + "&" + ok + "&lat=%ZZ");
  // A read-only key may not create; an administrator's key may not file requests at all.
  ExpectErrors("POST", "/open311/v2/requests", 403, "api_key=" + ApiKey("citizen", "read") + "&" + ok);
  ExpectErrors("POST", "/open311/v2/requests", 403, "api_key=" + ApiKey("dispatcher") + "&" + ok);
  auto json_body = server_->client().PostJson("/open311/v2/requests.json", "{}");
  EXPECT_EQ(json_body.status, 400);
  // Several problems at once: one error each.
  auto many = PostForm("/open311/v2/requests.json", "api_key=" + citizen_key_ + "&lat=99&long=x&attribute[colour]=red");
  EXPECT_EQ(many.status, 400);
  EXPECT_GE(Json(many).size(), 4u) << many.body;
  // Nothing was filed by any of them.
  EXPECT_EQ(JsonBody(Get("admin", "/api/v1/requests"))["total"], 0);
}

}  // namespace
}  // namespace zhitong::testing
