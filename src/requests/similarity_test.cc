// Duplicate suggestions on realistic Chinese requests.
#include "requests/similarity.h"

#include <gtest/gtest.h>

#include "requests/utf8.h"

namespace zhitong::requests {
namespace {

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, out);
  return out;
}

TEST(Similarity, NormalisesFullWidthPunctuationSpaceAndCase) {
  EXPECT_EQ(Utf8(NormalizeForSimilarity("ＡＢＣ１２３，供电　线路！")), "abc123供电线路");
  EXPECT_EQ(Utf8(NormalizeForSimilarity("“用工”难、融资难。(急) ABC")), "用工难融资难急abc");
  EXPECT_EQ(Utf8(NormalizeForSimilarity("【通知】…——")), "通知");
}

TEST(Similarity, DropsIllFormedBytes) {
  EXPECT_EQ(Utf8(NormalizeForSimilarity("供\xff电")), "供电");
}

TEST(Similarity, SameProblemInOtherWordsIsSimilar) {
  const double s = Similarity("供电线路老化经常停电", "厂区供电线路老化跳闸");
  EXPECT_GT(s, 0.5);
  EXPECT_LT(s, 1.0);
}

TEST(Similarity, UnrelatedProblemIsNotSimilar) {
  EXPECT_EQ(Similarity("供电线路老化经常停电", "招工难"), 0.0);
  EXPECT_LT(Similarity("供电线路老化经常停电", "企业融资难，贷款审批慢"), 0.1);
}

TEST(Similarity, IdenticalTextsScoreOneAndEmptyScoresZero) {
  EXPECT_DOUBLE_EQ(Similarity("污水管网堵塞", "污水管网堵塞！"), 1.0);
  EXPECT_EQ(Similarity("", "污水管网堵塞"), 0.0);
  EXPECT_EQ(Similarity("，。", "，。"), 0.0);
}

TEST(Similarity, ShortTextsMeetThroughSingleCharacters) {
  EXPECT_GT(Similarity("融资", "融资难"), 0.5);
  EXPECT_GT(Similarity("用工", "用工难"), 0.5);
  EXPECT_EQ(Similarity("用工", "融资"), 0.0);
}

TEST(Similarity, RankSimilarReturnsBestFirstAboveThresholdAtMostK) {
  const std::vector<SimilarityCandidate> open{
      {"R-1", "招工难，一线工人缺口大"},
      {"R-2", "厂区供电线路老化跳闸，影响生产"},
      {"R-3", "园区道路破损，货车通行困难"},
      {"R-4", "供电线路老化，夜间经常停电"},
      {"R-5", "申请电力增容审批慢"},
  };
  auto top = RankSimilar("供电线路老化经常停电", open, 5, 0.3);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].id, "R-4");
  EXPECT_EQ(top[1].id, "R-2");
  EXPECT_GE(top[0].score, top[1].score);
  EXPECT_EQ(RankSimilar("供电线路老化经常停电", open, 1, 0.3).size(), 1u);
  EXPECT_TRUE(RankSimilar("供电线路老化经常停电", open, 5, 0.99).empty());
}

TEST(Similarity, ScoreIsSymmetric) {
  EXPECT_DOUBLE_EQ(Similarity("供电线路老化经常停电", "厂区供电线路老化跳闸"),
                   Similarity("厂区供电线路老化跳闸", "供电线路老化经常停电"));
}

}  // namespace
}  // namespace zhitong::requests
