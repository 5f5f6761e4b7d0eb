#include "results/hot_issues.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

#include "requests/similarity.h"

namespace zhitong::results {
namespace {

struct Leader {
  size_t cluster = 0;
  requests::TextProfile profile;
  std::optional<std::string> region;
};

// The leaders of one category and the n-grams that find them.
struct CategoryIndex {
  std::vector<Leader> leaders;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;  // n-gram → leader positions
};

}  // namespace

std::vector<HotCluster> ClusterHotIssues(std::span<const HotItem> items, const HotOptions& options) {
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return items[a].at < items[b].at; });

  std::vector<HotCluster> clusters;
  std::unordered_map<std::string, CategoryIndex> indexes;
  std::vector<uint32_t> shared;  // per leader of the current category: n-grams shared
  std::vector<uint32_t> touched;
  for (size_t i : order) {
    const HotItem& item = items[i];
    CategoryIndex& index = indexes[item.category];
    requests::TextProfile profile(item.text);
    shared.assign(index.leaders.size(), 0);
    touched.clear();
    for (const auto& [gram, count] : profile.grams()) {
      auto it = index.postings.find(gram);
      if (it == index.postings.end() || it->second.size() > options.common_gram_leaders) continue;
      for (uint32_t leader : it->second) {
        if (shared[leader]++ == 0) touched.push_back(leader);
      }
    }
    const size_t keep = std::min(options.candidates, touched.size());
    std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep), touched.end(),
                      [&](uint32_t a, uint32_t b) { return shared[a] != shared[b] ? shared[a] > shared[b] : a < b; });
    double best = -1;
    std::optional<uint32_t> best_leader;
    for (size_t k = 0; k < keep; ++k) {
      const Leader& leader = index.leaders[touched[k]];
      double score = requests::Similarity(profile, leader.profile);
      if (score <= 0) continue;
      if (item.region && leader.region == item.region) score += options.region_bonus;
      if (score >= options.threshold && score > best) {
        best = score;
        best_leader = touched[k];
      }
    }
    if (best_leader) {
      clusters[index.leaders[*best_leader].cluster].members.push_back(i);
      continue;
    }
    const auto position = static_cast<uint32_t>(index.leaders.size());
    for (const auto& [gram, count] : profile.grams()) index.postings[gram].push_back(position);
    index.leaders.push_back(Leader{clusters.size(), std::move(profile), item.region});
    HotCluster c;
    c.members.push_back(i);
    c.category = item.category;
    clusters.push_back(std::move(c));
  }

  for (HotCluster& c : clusters) {
    std::set<std::string_view> requesters;
    for (size_t m : c.members) {
      requesters.insert(items[m].requester);
      const auto& region = items[m].region;
      if (region && std::find(c.regions.begin(), c.regions.end(), *region) == c.regions.end()) {
        c.regions.push_back(*region);
      }
    }
    c.requesters = requesters.size();
  }
  std::stable_sort(clusters.begin(), clusters.end(), [&](const HotCluster& a, const HotCluster& b) {
    if (a.requesters != b.requesters) return a.requesters > b.requesters;
    if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
    return items[a.members[0]].at < items[b.members[0]].at;
  });
  return clusters;
}

}  // namespace zhitong::results
