// The draw against the known-answer vectors of docs/RANDOM-INSPECTIONS.md, which were computed by
// the independent Python implementation in scripts/verify-inspection-plan.py; and its properties.
#include "contacts/draw.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace zhitong::contacts {
namespace {

const std::vector<std::string> kPool = {"91370300MA3C5X1234", "91370302MA3D0Y5678", "91370303MA3E1Z9012",
                                        "91370304MA3F2A3456", "91370305MA3G3B7890", "91370306MA3H4C1234",
                                        "91370307MA3J5D5678", "91370308MA3K6E9012"};
const std::vector<std::string> kRoster = {"101", "102", "103", "104", "105"};

TEST(DrawStream, FirstWordsAreTheDocumentedSha256Blocks) {
  // SHA-256("zhitong-draw-v1\0targets\0abc\0" || 00 00 00 00 00 00 00 00) =
  // a7d323258f633807 0310278dced8fb5a af10b1a4392c1fe6 fd7b5085e6b2042c; then block 1.
  DrawStream s("abc", "targets");
  EXPECT_EQ(s.NextWord(), 0xa7d323258f633807ULL);
  EXPECT_EQ(s.NextWord(), 0x0310278dced8fb5aULL);
  EXPECT_EQ(s.NextWord(), 0xaf10b1a4392c1fe6ULL);
  EXPECT_EQ(s.NextWord(), 0xfd7b5085e6b2042cULL);
  EXPECT_EQ(s.NextWord(), 0x12f1e9f5441c9f57ULL);  // first word of block 1
}

TEST(DrawStream, UniformMatchesKnownAnswers) {
  DrawStream a("abc", "targets");
  std::vector<uint64_t> got;
  for (int i = 0; i < 8; ++i) got.push_back(a.Uniform(10));
  EXPECT_EQ(got, (std::vector<uint64_t>{5, 2, 4, 0, 9, 6, 1, 9}));
  DrawStream b("abc", "inspectors");
  got.clear();
  for (int i = 0; i < 8; ++i) got.push_back(b.Uniform(3));
  EXPECT_EQ(got, (std::vector<uint64_t>{2, 1, 0, 1, 2, 1, 2, 1}));
}

TEST(DrawStream, RejectsWordsAboveTheLastFullMultiple) {
  // n = 2^63 + 1: every word >= 2^63 + 1 is rejected, so the words a7d3…, af10…, fd7b… are skipped.
  DrawStream s("abc", "targets");
  const uint64_t n = (uint64_t{1} << 63) + 1;
  EXPECT_EQ(s.Uniform(n), 220719871755352922ULL);
  EXPECT_EQ(s.Uniform(n), 1365129401688956759ULL);
  EXPECT_EQ(s.Uniform(n), 2192725760626564106ULL);
  EXPECT_EQ(s.Uniform(n), 1102000698543296191ULL);
}

TEST(DrawStream, UniformOfOneIsZeroAndConsumesOneWord) {
  DrawStream s("abc", "targets");
  EXPECT_EQ(s.Uniform(1), 0u);
  EXPECT_EQ(s.NextWord(), 0x0310278dced8fb5aULL);
}

DrawResult MustDraw(const std::string& seed, std::vector<std::string> pool, std::vector<std::string> roster, int64_t n) {
  auto r = Draw({seed, std::move(pool), std::move(roster), n});
  EXPECT_TRUE(r) << r.error().ToString();
  return r ? *r : DrawResult{};
}

TEST(Draw, MatchesKnownAnswerVectors) {
  EXPECT_EQ(MustDraw("zibo-2025-q1", kPool, kRoster, 3),
            (DrawResult{{{"91370306MA3H4C1234", {"104", "102"}},
                         {"91370305MA3G3B7890", {"105", "101"}},
                         {"91370300MA3C5X1234", {"104", "102"}}}}));
  EXPECT_EQ(MustDraw("zibo-2025-q2", kPool, kRoster, 3),
            (DrawResult{{{"91370303MA3E1Z9012", {"104", "101"}},
                         {"91370302MA3D0Y5678", {"105", "103"}},
                         {"91370308MA3K6E9012", {"104", "101"}}}}));
  EXPECT_EQ(MustDraw("淄博", kPool, kRoster, 2),
            (DrawResult{{{"91370300MA3C5X1234", {"101", "105"}}, {"91370308MA3K6E9012", {"104", "103"}}}}));
}

TEST(Draw, InputOrderDoesNotMatter) {
  std::vector<std::string> pool(kPool.rbegin(), kPool.rend());
  std::vector<std::string> roster = {"105", "103", "101", "104", "102"};
  EXPECT_EQ(MustDraw("zibo-2025-q1", pool, roster, 3), MustDraw("zibo-2025-q1", kPool, kRoster, 3));
}

TEST(Draw, ASmallerCountIsAPrefixOfALargerOne) {
  auto all = MustDraw("zibo-2025-q1", kPool, kRoster, 8);
  auto three = MustDraw("zibo-2025-q1", kPool, kRoster, 3);
  ASSERT_EQ(all.targets.size(), 8u);
  EXPECT_EQ(std::vector<DrawnTarget>(all.targets.begin(), all.targets.begin() + 3), three.targets);
  std::set<std::string> keys;
  for (const auto& t : all.targets) keys.insert(t.key);
  EXPECT_EQ(keys, std::set<std::string>(kPool.begin(), kPool.end()));
}

TEST(Draw, ACountAboveThePoolDrawsTheWholePool) {
  EXPECT_EQ(MustDraw("s", kPool, kRoster, 100).targets.size(), kPool.size());
}

TEST(Draw, AChangedSeedOrPoolGivesADifferentPlan) {
  const auto base = MustDraw("zibo-2025-q1", kPool, kRoster, 3);
  EXPECT_NE(MustDraw("zibo-2025-q1 ", kPool, kRoster, 3), base);
  auto pool = kPool;
  pool.push_back("91370309MA3L7F3456");
  EXPECT_NE(MustDraw("zibo-2025-q1", pool, kRoster, 3), base);
  auto roster = kRoster;
  roster.pop_back();
  EXPECT_NE(MustDraw("zibo-2025-q1", kPool, roster, 3), base);
}

TEST(Draw, TeamsAreTwoDistinctInspectorsAndTargetsAreDistinct) {
  for (int s = 0; s < 50; ++s) {
    auto d = MustDraw("seed-" + std::to_string(s), kPool, kRoster, 6);
    std::set<std::string> keys;
    for (const auto& t : d.targets) {
      keys.insert(t.key);
      EXPECT_NE(t.team[0], t.team[1]);
    }
    EXPECT_EQ(keys.size(), d.targets.size());
  }
}

TEST(Draw, EveryEnterpriseIsEquallyLikelyToBeDrawnFirst) {
  // Not a timing test: 8,000 seeds, each key drawn first about 1,000 times. With a fair draw the
  // count of each key is Binomial(8000, 1/8): sd ≈ 29.6, so ±150 is beyond 5 sd.
  std::map<std::string, int> first;
  for (int s = 0; s < 8000; ++s) first[MustDraw(std::to_string(s), kPool, kRoster, 1).targets[0].key]++;
  ASSERT_EQ(first.size(), kPool.size());
  for (const auto& [key, n] : first) EXPECT_NEAR(n, 1000, 150) << key;
}

TEST(Draw, RejectsBadInput) {
  EXPECT_FALSE(Draw({"", kPool, kRoster, 1}));
  EXPECT_FALSE(Draw({std::string("a\0b", 3), kPool, kRoster, 1}));
  EXPECT_FALSE(Draw({std::string(kMaxSeedBytes + 1, 'x'), kPool, kRoster, 1}));
  EXPECT_FALSE(Draw({"s", kPool, {"101"}, 1}));
  EXPECT_FALSE(Draw({"s", kPool, kRoster, 0}));
  EXPECT_FALSE(Draw({"s", {"a", "a"}, kRoster, 1}));
  EXPECT_FALSE(Draw({"s", {""}, kRoster, 1}));
  auto e = Draw({"s", kPool, {"101", "101"}, 1});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "input.invalid");
  EXPECT_NE(e.error().message_zh.find("重复"), std::string::npos);
}

TEST(Draw, AnEmptyPoolDrawsNothing) { EXPECT_TRUE(MustDraw("s", {}, kRoster, 3).targets.empty()); }

TEST(Draw, NewSeedIsSixtyFourHexDigitsAndFresh) {
  const std::string a = NewSeed(), b = NewSeed();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace zhitong::contacts
