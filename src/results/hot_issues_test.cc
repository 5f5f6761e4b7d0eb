#include "results/hot_issues.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace zhitong::results {
namespace {

HotItem Item(std::string id, std::string requester, std::string category, std::string region, std::string text,
             int minute) {
  return HotItem{std::move(id), std::move(requester), std::move(category), std::move(region), std::move(text),
                 FromUnixMillis(1740963600000 + minute * 60000LL)};
}

std::vector<std::string> Ids(const std::vector<HotItem>& items, const HotCluster& c) {
  std::vector<std::string> out;
  for (size_t m : c.members) out.push_back(items[m].id);
  return out;
}

TEST(HotIssues, GroupsTheSameProblemAndRanksByDistinctEnterprises) {
  const std::vector<HotItem> items = {
      Item("1", "e:1", "power", "2", "工业园区供电线路老化，经常跳闸停电", 0),
      Item("2", "e:2", "power", "2", "园区供电线路老化严重，频繁跳闸停电影响生产", 1),
      Item("3", "e:3", "power", "3", "供电线路老化，厂区经常跳闸停电", 2),
      Item("4", "e:1", "power", "2", "工业园区供电线路老化，又跳闸停电了", 3),
      Item("5", "e:4", "labour", "2", "招工难，技术工人招不到", 4),
      Item("6", "e:5", "labour", "2", "技术工人招工难，招不到人", 5),
      Item("7", "e:6", "finance", "3", "贷款审批时间太长", 6),
  };
  auto clusters = ClusterHotIssues(items);
  ASSERT_GE(clusters.size(), 3u);
  EXPECT_EQ(Ids(items, clusters[0]), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(clusters[0].requesters, 3u) << "enterprise 1 asked twice";
  EXPECT_EQ(clusters[0].category, "power");
  EXPECT_EQ(clusters[0].regions, (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(Ids(items, clusters[1]), (std::vector<std::string>{"5", "6"}));
  EXPECT_EQ(clusters[1].requesters, 2u);
  EXPECT_EQ(clusters.back().members.size(), 1u);
}

TEST(HotIssues, SameTextInAnotherCategoryIsAnotherIssue) {
  const std::vector<HotItem> items = {
      Item("1", "e:1", "power", "2", "供电线路老化经常停电", 0),
      Item("2", "e:2", "safety", "2", "供电线路老化经常停电", 1),
  };
  EXPECT_EQ(ClusterHotIssues(items).size(), 2u);
}

TEST(HotIssues, UnrelatedTextsStayApart) {
  const std::vector<HotItem> items = {
      Item("1", "e:1", "other", "2", "希望增加公交线路", 0),
      Item("2", "e:2", "other", "2", "企业用地指标不足", 1),
      Item("3", "e:3", "other", "2", "出口退税办理慢", 2),
  };
  auto clusters = ClusterHotIssues(items);
  EXPECT_EQ(clusters.size(), 3u);
  for (const auto& c : clusters) EXPECT_EQ(c.requesters, 1u);
}

TEST(HotIssues, OrderOfInputDoesNotMatterOnlyTime) {
  std::vector<HotItem> items = {
      Item("1", "e:1", "power", "2", "工业园区供电线路老化，经常跳闸停电", 0),
      Item("2", "e:2", "power", "2", "园区供电线路老化严重，频繁跳闸停电", 1),
      Item("3", "e:3", "labour", "2", "招工难，技术工人招不到", 2),
  };
  auto a = ClusterHotIssues(items);
  std::reverse(items.begin(), items.end());
  auto b = ClusterHotIssues(items);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].requesters, b[i].requesters);
  EXPECT_EQ(items[b[0].members[0]].id, "1") << "the oldest item leads";
}

TEST(HotIssues, EmptyInput) { EXPECT_TRUE(ClusterHotIssues({}).empty()); }

}  // namespace
}  // namespace zhitong::results
