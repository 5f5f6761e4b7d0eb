// The server over real HTTP on loopback: limits, errors, request ids, metrics, static files and
// the graceful stop.
#include "http/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "http/json_input.h"
#include "http/routes.h"
#include "support/http_client.h"

namespace zhitong::http {
namespace {

namespace fs = std::filesystem;
using testing::HttpClient;
using nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("zt_server_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "web" / "assets");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>app</title>";
    std::ofstream(dir_ / "web" / "assets" / "app-1234.js") << "console.log(1)";
    auto db = storage::Database::Open("sqlite:" + (dir_ / "t.db").string());
    ASSERT_TRUE(db) << db.error().ToString();
    db_ = std::move(*db);
    auth_ = std::make_unique<access::Auth>(*db_, clock_);
    users_ = std::make_unique<access::Users>(*db_, clock_);
    RegisterAllRoutes(routes_, {.db = *db_, .metrics = metrics_, .config = config_, .clock = clock_,
                                .auth = *auth_, .users = *users_});
    routes_.Post("/api/v1/test/echo", [](const Request& r) {
      auto body = ParseJsonObject(r);
      if (!body) return ErrorResponse(body.error());
      JsonReader in(*body);
      auto name = in.String("name", {.required = true, .max_chars = 10});
      auto n = in.Int("n", false, 0, 100);
      if (auto st = in.Finish(); !st) return ErrorResponse(st.error());
      return Json(201, {{"name", *name}, {"n", n.value_or(0)}});
    });
    routes_.Get("/api/v1/test/throw", [](const Request&) -> Response { throw std::runtime_error("boom"); });
    routes_.Get("/api/v1/test/slow", [](const Request&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return Json(200, {{"slow", true}});
    });
    routes_.Get("/api/v1/test/items/:id", [](const Request& r) { return Json(200, {{"id", r.Param("id")}}); });
    routes_.Get("/api/v1/test/items/special", [](const Request&) { return Json(200, {{"special", true}}); });
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 4;
    o.max_body_bytes = 4096;
    o.max_header_bytes = 8192;
    o.web_dir = (dir_ / "web").string();
    server_ = std::make_unique<Server>(o, routes_, metrics_);
    ASSERT_TRUE(server_->Start());
    ASSERT_NE(server_->port(), 0);
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port());
  }
  void TearDown() override {
    server_.reset();
    if (db_) db_->Close();
    fs::remove_all(dir_);
  }

  static json Body(const testing::HttpResult& r) { return json::parse(r.body, nullptr, false); }

  fs::path dir_;
  Config config_;
  std::unique_ptr<storage::Database> db_;
  SystemClock clock_;
  std::unique_ptr<access::Auth> auth_;
  std::unique_ptr<access::Users> users_;
  Metrics metrics_;
  Routes routes_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(ServerTest, HealthzAnswersAndGeneratesRequestId) {
  auto r = client_->Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["status"], "ok");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  auto r2 = client_->Get("/healthz");
  EXPECT_NE(r.Header("x-request-id"), r2.Header("x-request-id"));
}

TEST_F(ServerTest, EchoesAValidCallerRequestIdAndReplacesAnInvalidOne) {
  EXPECT_EQ(client_->Get("/healthz", {{"X-Request-Id", "abc-123"}}).Header("x-request-id"), "abc-123");
  const auto bad = client_->Get("/healthz", {{"X-Request-Id", "has spaces<script>"}});
  EXPECT_NE(bad.Header("x-request-id"), "has spaces<script>");
  EXPECT_FALSE(bad.Header("x-request-id").empty());
}

TEST_F(ServerTest, ReadyzReportsDatabaseAndSchema) {
  auto r = client_->Get("/readyz");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["database"], "sqlite");
  EXPECT_GE(Body(r)["schema_version"].get<int>(), 1);
}

TEST_F(ServerTest, MetricsCountRequestsByRoutePattern) {
  client_->Get("/api/v1/test/items/42");
  auto r = client_->Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.Header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(r.body.find("zhitong_http_requests_total{method=\"GET\",route=\"/api/v1/test/items/:id\",status=\"200\"} 1"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("zhitong_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(r.body.find("zhitong_storage{counter=\"commits\"}"), std::string::npos);
}

TEST_F(ServerTest, ServesTheOpenApiDocument) {
  auto r = client_->Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = Body(r);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["paths"].contains("/healthz"));
}

TEST_F(ServerTest, UnknownRouteIsJson404AndWrongMethodIs405WithAllow) {
  auto r = client_->Get("/api/v1/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r)["error"]["code"], "http.not_found");
  EXPECT_FALSE(Body(r)["error"]["message_zh"].get<std::string>().empty());
  auto m = client_->Send("DELETE", "/healthz");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.Header("allow"), "GET");
  EXPECT_EQ(Body(m)["error"]["code"], "http.method_not_allowed");
}

TEST_F(ServerTest, LiteralSegmentWinsOverParameter) {
  EXPECT_EQ(Body(client_->Get("/api/v1/test/items/special"))["special"], true);
  EXPECT_EQ(Body(client_->Get("/api/v1/test/items/%E6%B7%84%E5%8D%9A"))["id"], "淄博");
}

TEST_F(ServerTest, MalformedJsonWrongTypesAndWrongContentTypeAreClear400s) {
  auto malformed = client_->PostJson("/api/v1/test/echo", "{\"name\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(Body(malformed)["error"]["code"], "json.malformed");
  auto array = client_->PostJson("/api/v1/test/echo", "[1,2]");
  EXPECT_EQ(Body(array)["error"]["code"], "json.not_object");
  auto types = client_->PostJson("/api/v1/test/echo", R"({"name": 5, "n": "x"})");
  EXPECT_EQ(types.status, 400);
  auto err = Body(types)["error"];
  EXPECT_EQ(err["code"], "input.invalid");
  ASSERT_EQ(err["fields"].size(), 2u);
  EXPECT_EQ(err["fields"][0]["field"], "name");
  EXPECT_EQ(err["fields"][1]["field"], "n");
  auto too_long = client_->PostJson("/api/v1/test/echo", R"({"name": "一二三四五六七八九十十一"})");
  EXPECT_EQ(Body(too_long)["error"]["fields"][0]["field"], "name");
  auto ctype = client_->Send("POST", "/api/v1/test/echo", R"({"name":"a"})", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(Body(ctype)["error"]["code"], "http.unsupported_media_type");
  auto ok = client_->PostJson("/api/v1/test/echo", R"({"name": "淄博", "n": 3})");
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(Body(ok)["name"], "淄博");
}

TEST_F(ServerTest, OversizeBodyIs413AndServerKeepsServing) {
  auto r = client_->PostJson("/api/v1/test/echo", "{\"name\":\"" + std::string(10000, 'a') + "\"}");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Body(r)["error"]["code"], "http.body_too_large");
  EXPECT_EQ(client_->Get("/healthz").status, 200);
}

TEST_F(ServerTest, OversizeHeadersAre431) {
  auto r = client_->Get("/healthz", {{"X-Big", std::string(9000, 'h')}});
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(Body(r)["error"]["code"], "http.headers_too_large");
}

TEST_F(ServerTest, GarbageBytesCloseOnlyThatConnection) {
  client_->Raw("\x16\x03\x01 this is not http\r\n\r\n", 500);
  client_->Raw("GET / HTTP/9.9 nonsense\r\n\r\n", 500);
  EXPECT_EQ(client_->Get("/healthz").status, 200);
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
  std::string three;
  for (int i = 1; i <= 3; ++i) {
    three += "GET /api/v1/test/items/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }
  three += "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  auto responses = testing::ParseResponses(client_->Raw(three));
  ASSERT_EQ(responses.size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Body(responses[i])["id"], std::to_string(i + 1));
}

TEST_F(ServerTest, HandlerExceptionBecomesJson500) {
  auto r = client_->Get("/api/v1/test/throw");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(Body(r)["error"]["code"], "internal");
  EXPECT_EQ(client_->Get("/healthz").status, 200);
}

TEST_F(ServerTest, ServesWebAppWithSpaFallbackAndLongCacheForAssets) {
  auto page = client_->Get("/requests/17");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>app</title>"), std::string::npos);
  EXPECT_EQ(page.Header("cache-control"), "no-cache");
  auto asset = client_->Get("/assets/app-1234.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_NE(asset.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_NE(asset.Header("content-type").find("javascript"), std::string::npos);
  EXPECT_EQ(client_->Get("/assets/missing.js").status, 404);
  auto traversal = client_->Get("/..%2f..%2fetc%2fpasswd");
  EXPECT_EQ(traversal.status, 404);
  EXPECT_EQ(traversal.body.find("root:"), std::string::npos);
  EXPECT_EQ(client_->Get("/api/v1/unknown").status, 404);  // the API never falls back to the app
}

TEST_F(ServerTest, GracefulStopFinishesRequestsInFlight) {
  auto slow = std::async(std::launch::async, [&] { return client_->Get("/api/v1/test/slow"); });
  while (server_->in_flight() == 0) std::this_thread::yield();
  server_->Stop(10);
  auto r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["slow"], true);
  EXPECT_EQ(client_->Get("/healthz").status, 0);  // no longer listening
}

}  // namespace
}  // namespace zhitong::http
