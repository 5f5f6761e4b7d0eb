// Test helpers for the assignment engine: an independent scorer and checker of plans, and an
// exhaustive solver for small instances. Test code only (included by *_test.cc).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "directory/model.h"
#include "liaison/assignment.h"

namespace zhitong::liaison::testing {

using directory::Date;
using directory::Enterprise;
using directory::Official;
using directory::Rank;

inline constexpr Date kPlanningDate = std::chrono::year{2025} / std::chrono::March / 1;

struct Instance {
  std::vector<Enterprise> enterprises;
  std::vector<Official> officials;
  std::vector<Assignment> current;
};

// The objective, coordinate by coordinate, compared lexicographically: uncovered enterprises,
// covered enterprises not kept on a valid current liaison, Σ load·(load−1)/2, covered enterprises
// whose liaison lacks expertise. Smaller is better.
using Score = std::tuple<int64_t, int64_t, int64_t, int64_t>;

inline bool Eligible(const Instance& in, const Official& o, const Enterprise& e) {
  if (!o.ActiveOn(kPlanningDate)) return false;
  bool pool = e.is_key ? o.rank == Rank::kCity : o.rank == Rank::kDistrict && o.region_id == e.region_id;
  if (!pool) return false;
  for (const auto& c : o.conflicts) {
    if (c.enterprise_id == e.id) return false;
  }
  (void)in;
  return true;
}

inline bool Expert(const Official& o, const Enterprise& e) {
  return std::find(o.industries.begin(), o.industries.end(), e.industry_code) != o.industries.end();
}

inline bool IsCurrent(const Instance& in, int64_t official_id, int64_t enterprise_id) {
  for (const auto& a : in.current) {
    if (a.official_id == official_id && a.enterprise_id == enterprise_id) return true;
  }
  return false;
}

// Scores an assignment map enterprise id → official id (absent: uncovered).
inline Score ScoreOf(const Instance& in, const std::map<int64_t, int64_t>& liaison_of) {
  int64_t uncovered = 0, not_kept = 0, balance = 0, non_expert = 0;
  std::map<int64_t, int64_t> load;
  for (const auto& e : in.enterprises) {
    if (!e.above_scale) continue;
    auto it = liaison_of.find(e.id);
    if (it == liaison_of.end()) {
      ++uncovered;
      continue;
    }
    ++load[it->second];
    if (!IsCurrent(in, it->second, e.id)) ++not_kept;
    for (const auto& o : in.officials) {
      if (o.id == it->second && !Expert(o, e)) ++non_expert;
    }
  }
  for (const auto& [o, l] : load) balance += l * (l - 1) / 2;
  return {uncovered, not_kept, balance, non_expert};
}

inline std::map<int64_t, int64_t> LiaisonOf(const Plan& plan) {
  std::map<int64_t, int64_t> m;
  for (const auto& a : plan.assignments) m[a.enterprise_id] = a.official_id;
  return m;
}

// Checks every hard rule and the shape of the plan and its diff; reports failures via gtest.
inline void ExpectValid(const Instance& in, const Plan& plan) {
  std::map<int64_t, const Official*> official;
  for (const auto& o : in.officials) official[o.id] = &o;
  std::map<int64_t, int64_t> load;
  std::set<int64_t> seen;
  for (const auto& a : plan.assignments) {
    EXPECT_TRUE(seen.insert(a.enterprise_id).second) << "two liaisons for " << a.enterprise_id;
    ASSERT_TRUE(official.count(a.official_id));
    const Enterprise* e = nullptr;
    for (const auto& x : in.enterprises) {
      if (x.id == a.enterprise_id) e = &x;
    }
    ASSERT_NE(e, nullptr);
    EXPECT_TRUE(e->above_scale);
    EXPECT_TRUE(Eligible(in, *official[a.official_id], *e))
        << "official " << a.official_id << " may not serve enterprise " << a.enterprise_id;
    ++load[a.official_id];
  }
  for (const auto& [o, l] : load) EXPECT_LE(l, official[o]->liaison_capacity) << "official " << o;
  for (const auto& u : plan.uncovered) EXPECT_TRUE(seen.insert(u.enterprise_id).second);
  size_t above = 0;
  for (const auto& e : in.enterprises) above += e.above_scale;
  EXPECT_EQ(seen.size(), above) << "every above-scale enterprise is covered or reported";
  EXPECT_EQ(plan.kept.size() + plan.added.size() + plan.moved.size(), plan.assignments.size());
  // The diff replays: today − ended − moved.from + added + moved.to = plan.
  std::set<std::pair<int64_t, int64_t>> state;
  for (const auto& a : in.current) state.insert({a.enterprise_id, a.official_id});
  for (const auto& x : plan.ended) EXPECT_EQ(state.erase({x.assignment.enterprise_id, x.assignment.official_id}), 1u);
  for (const auto& m : plan.moved) EXPECT_EQ(state.erase({m.enterprise_id, m.from_official_id}), 1u);
  for (const auto& a : plan.added) EXPECT_TRUE(state.insert({a.enterprise_id, a.official_id}).second);
  for (const auto& m : plan.moved) EXPECT_TRUE(state.insert({m.enterprise_id, m.to_official_id}).second);
  std::set<std::pair<int64_t, int64_t>> target;
  for (const auto& a : plan.assignments) target.insert({a.enterprise_id, a.official_id});
  EXPECT_EQ(state, target);
}

// The lexicographically smallest score over every feasible assignment, by exhaustive search.
inline Score BruteForceOptimum(const Instance& in) {
  std::vector<const Enterprise*> es;
  for (const auto& e : in.enterprises) {
    if (e.above_scale) es.push_back(&e);
  }
  std::map<int64_t, int64_t> liaison_of, load;
  Score best{INT64_MAX, 0, 0, 0};
  auto dfs = [&](auto&& self, size_t i) -> void {
    if (i == es.size()) {
      best = std::min(best, ScoreOf(in, liaison_of));
      return;
    }
    self(self, i + 1);  // uncovered
    for (const auto& o : in.officials) {
      if (!Eligible(in, o, *es[i]) || load[o.id] >= o.liaison_capacity) continue;
      ++load[o.id];
      liaison_of[es[i]->id] = o.id;
      self(self, i + 1);
      liaison_of.erase(es[i]->id);
      --load[o.id];
    }
  };
  dfs(dfs, 0);
  return best;
}

}  // namespace zhitong::liaison::testing
