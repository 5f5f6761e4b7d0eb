#include "http/router.h"

#include <gtest/gtest.h>

namespace zhitong::http {
namespace {

Router Make() {
  Routes r;
  r.Get("/api/v1/requests", nullptr);
  r.Post("/api/v1/requests", nullptr);
  r.Get("/api/v1/requests/:id", nullptr);
  r.Get("/api/v1/requests/:id/events", nullptr);
  r.Get("/api/v1/requests/search", nullptr);
  return Router(r.all());
}

TEST(Router, MatchesLiteralAndParameterSegments) {
  auto router = Make();
  auto m = router.Find(Method::kGet, "/api/v1/requests/12/events");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/requests/:id/events");
  EXPECT_EQ(m.params.at("id"), "12");
}

TEST(Router, PrefersLiteralOverParameterRegardlessOfOrder) {
  auto router = Make();
  auto m = router.Find(Method::kGet, "/api/v1/requests/search");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/requests/search");
}

TEST(Router, ReportsAllowedMethodsWhenOnlyMethodDiffers) {
  auto router = Make();
  auto m = router.Find(Method::kDelete, "/api/v1/requests");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed.size(), 2u);
}

TEST(Router, HeadMatchesGet) {
  EXPECT_NE(Make().Find(Method::kHead, "/api/v1/requests").route, nullptr);
}

TEST(Router, NoMatchForDifferentDepthOrEmptyParameter) {
  auto router = Make();
  EXPECT_EQ(router.Find(Method::kGet, "/api/v1").route, nullptr);
  EXPECT_TRUE(router.Find(Method::kGet, "/api/v1/requests/1/events/2").allowed.empty());
}

TEST(Router, DecodesParametersAndRejectsBadEscapes) {
  std::string out;
  EXPECT_TRUE(PercentDecode("%E6%B7%84%E5%8D%9A", &out));
  EXPECT_EQ(out, "淄博");
  EXPECT_FALSE(PercentDecode("%E", &out));
  EXPECT_FALSE(PercentDecode("%zz", &out));
  EXPECT_FALSE(PercentDecode("abc%", &out));
  EXPECT_EQ(Make().Find(Method::kGet, "/api/v1/requests/%zz").route, nullptr);
}

}  // namespace
}  // namespace zhitong::http
