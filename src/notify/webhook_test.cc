#include "notify/webhook.h"

#include <gtest/gtest.h>

namespace zhitong::notify {
namespace {

// RFC 4231, test case 2 (HMAC-SHA-256 of "what do ya want for nothing?" keyed "Jefe").
TEST(WebhookSignature, MatchesRfc4231TestCase2) {
  EXPECT_EQ(Signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, VerifiesOnlyTheExactBodyAndSecret) {
  const std::string body = R"({"topic":"request.route","request_id":7})";
  const std::string sig = Signature("s3cret-s3cret-s3cret", body);
  EXPECT_TRUE(VerifySignature("s3cret-s3cret-s3cret", body, sig));
  EXPECT_FALSE(VerifySignature("s3cret-s3cret-s3creT", body, sig));
  EXPECT_FALSE(VerifySignature("s3cret-s3cret-s3cret", body + " ", sig));
  EXPECT_FALSE(VerifySignature("s3cret-s3cret-s3cret", body, sig.substr(0, sig.size() - 1)));
}

TEST(WebhookRetry, DelaysDoubleUpToTheCapThenTheDeliveryIsDead) {
  const RetryPolicy p{5, std::chrono::seconds(10), std::chrono::seconds(50)};
  EXPECT_EQ(RetryDelay(p, 1), std::chrono::seconds(10));
  EXPECT_EQ(RetryDelay(p, 2), std::chrono::seconds(20));
  EXPECT_EQ(RetryDelay(p, 3), std::chrono::seconds(40));
  EXPECT_EQ(RetryDelay(p, 4), std::chrono::seconds(50));
  EXPECT_FALSE(RetryDelay(p, 5).has_value());
}

}  // namespace
}  // namespace zhitong::notify
