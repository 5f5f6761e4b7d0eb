// Hot issues (热点诉求): requests of one period that describe the same problem, grouped by
// Chinese character n-gram similarity (requests/similarity.h) within one category, with a bonus for
// the same region, and ranked by how many distinct requesters (enterprises; a citizen counts as
// themselves) raise them. Leader clustering: items are taken oldest first; each joins the most
// similar cluster whose first item (its leader) scores at least the threshold against it, or
// starts a new one. Candidate leaders are found through an inverted index of n-grams, so the cost
// grows with the number of items, not its square. Pure; deterministic for a given input order.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"

namespace zhitong::results {

struct HotItem {
  std::string id;
  std::string requester;  // "e:<enterprise id>" or "u:<user id>": who counts as distinct
  std::string category;
  std::optional<std::string> region;
  std::string text;  // title + " " + description
  Instant at{};
};

struct HotOptions {
  double threshold = 0.45;     // similarity to a cluster's leader needed to join it
  double region_bonus = 0.05;  // added to the similarity when both are in the same region
  // n-grams that more than this many leaders share are too common to find candidates by (企业,
  // 问题 …); they still count in the similarity itself.
  size_t common_gram_leaders = 400;
  size_t candidates = 16;  // leaders compared exactly per item, those sharing the most n-grams
};

struct HotCluster {
  std::vector<size_t> members;  // indexes into the input, oldest first; members[0] is the leader
  size_t requesters = 0;        // distinct requesters among the members
  std::string category;
  std::vector<std::string> regions;  // distinct, in order of first appearance
};

// Every cluster of the items (singletons included), ranked by distinct requesters, then by
// members, then by the leader's age (older first).
std::vector<HotCluster> ClusterHotIssues(std::span<const HotItem> items, const HotOptions& options = {});

}  // namespace zhitong::results
