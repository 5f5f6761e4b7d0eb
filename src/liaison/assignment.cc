#include "liaison/assignment.h"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "liaison/min_cost_flow.h"

namespace zhitong::liaison {

using directory::Enterprise;
using directory::Official;
using directory::Rank;

std::string_view Name(UncoveredReason r) {
  switch (r) {
    case UncoveredReason::kNoOfficialInPool: return "no_official_in_pool";
    case UncoveredReason::kOnlyConflicted: return "only_conflicted_officials";
    case UncoveredReason::kNoCapacity: return "no_capacity";
  }
  return "unknown";
}

std::string_view Message(UncoveredReason r) {
  switch (r) {
    case UncoveredReason::kNoOfficialInPool:
      return "no active official may serve it (city leaders for key enterprises, district officials of its region otherwise)";
    case UncoveredReason::kOnlyConflicted:
      return "every official who may serve it declared a conflict of interest with it";
    case UncoveredReason::kNoCapacity:
      return "the officials who may serve it have no capacity left";
  }
  return "unknown";
}

std::string_view MessageZh(UncoveredReason r) {
  switch (r) {
    case UncoveredReason::kNoOfficialInPool:
      return "没有可联络该企业的在任领导 (重点企业须由市级领导联络, 其他企业须由所在区县领导联络)";
    case UncoveredReason::kOnlyConflicted: return "可联络该企业的领导均已申报利益冲突 (亲清)";
    case UncoveredReason::kNoCapacity: return "可联络该企业的领导联络名额已满";
  }
  return "未知";
}

std::string_view Name(EndReason r) {
  switch (r) {
    case EndReason::kOfficialInactive: return "official_inactive";
    case EndReason::kConflict: return "conflict_of_interest";
    case EndReason::kIneligible: return "ineligible";
    case EndReason::kEnterpriseGone: return "enterprise_gone";
    case EndReason::kDuplicate: return "duplicate";
    case EndReason::kForCoverage: return "for_coverage";
  }
  return "unknown";
}

std::string_view Message(EndReason r) {
  switch (r) {
    case EndReason::kOfficialInactive: return "the official is not in office";
    case EndReason::kConflict: return "the official declared a conflict of interest with the enterprise";
    case EndReason::kIneligible: return "the official's rank or region does not match the enterprise";
    case EndReason::kEnterpriseGone: return "the enterprise is unknown or no longer above scale";
    case EndReason::kDuplicate: return "the enterprise had more than one liaison";
    case EndReason::kForCoverage: return "the official's capacity is needed to cover more enterprises";
  }
  return "unknown";
}

std::string_view MessageZh(EndReason r) {
  switch (r) {
    case EndReason::kOfficialInactive: return "该领导已不在任";
    case EndReason::kConflict: return "该领导已申报与该企业存在利益冲突";
    case EndReason::kIneligible: return "该领导的级别或所在区县与企业不符";
    case EndReason::kEnterpriseGone: return "企业不存在或已不属于规模以上企业";
    case EndReason::kDuplicate: return "该企业有多名联络员";
    case EndReason::kForCoverage: return "该领导的联络名额需用于覆盖更多企业";
  }
  return "未知";
}

namespace {

// 128-bit integers for overflow checks only (a GCC/Clang extension).
__extension__ typedef __int128 Wide;

// The cost encoding. Each connected component of the eligibility graph (in practice: the city
// leaders with the key enterprises, and each region's district officials with its other
// enterprises) is one network:
//
//   source → enterprise e          capacity 1, cost 0
//   e → official o (e eligible)    capacity 1, cost W2·[o is not e's current liaison]
//                                              + W4·[o has no expertise in e's industry]
//   e → sink ("uncovered")         capacity 1, cost U
//   o → sink, slot k = 1 … s_o     capacity 1, cost W3·(k − 1),  s_o = min(capacity_o, degree_o)
//
// A flow of value n (always reachable through the uncovered arcs) is exactly a feasible
// assignment. Slot costs increase, so a minimum-cost flow fills each official's slots in order and
// an official with load L costs W3·L(L−1)/2. The cost of an assignment is therefore
//
//   T = U·u + W2·m + W3·B + W4·x,
//
// u: uncovered enterprises; m: covered enterprises not on their current (valid) liaison;
// B = Σ_o L_o(L_o−1)/2; x: covered enterprises whose liaison lacks expertise in their industry.
// With n enterprises in the component, 0 ≤ m, x ≤ n and 0 ≤ B ≤ Bmax = Σ_o s_o(s_o−1)/2. Take
//
//   W4 = 1,  W3 = n + 1,  W2 = W3·Bmax + n + 1,  U = W2·(n + 1).
//
// Claim: if (u, m, B, x)(a) <lex (u, m, B, x)(b) then T(a) < T(b), so a minimum of T is a
// lexicographic minimum. Proof: let the first differing coordinate have weight w; it contributes
// at least w to T(b) − T(a). Every later coordinate changes by at most its range, and
//   for x:  W3 = n + 1       > W4·n,
//   for B:  W2 = W3·Bmax+n+1 > W3·Bmax + W4·n,
//   for m:  U  = W2·n + W2   > W2·n + W3·Bmax + W4·n,
// i.e. each weight exceeds the largest total the later coordinates can move, so T(b) − T(a) > 0.
// Since u fixes the number covered (n − u), minimising m for equal u maximises the kept
// assignments: (u, m) in lexicographic order is (uncovered, −kept). Components are independent and
// the lexicographic order is compatible with addition, so the union of per-component optima is
// the global lexicographic optimum. Costs are non-negative, as successive shortest paths needs.
struct Weights {
  int64_t uncovered = 0, not_kept = 0, balance = 0, non_expert = 0;
};

Result<Weights> WeightsFor(int64_t n, int64_t bmax) {
  Wide w4 = 1, w3 = n + 1, w2 = w3 * bmax + n + 1, u = w2 * (n + 1);
  if (u * (n + 1) > std::numeric_limits<int64_t>::max() / 4) {
    return Error::Invalid("liaison.flow_overflow", "one liaison pool is too large for 64-bit costs",
                          "联络员分配池规模过大, 费用超出 64 位整数范围");
  }
  return Weights{static_cast<int64_t>(u), static_cast<int64_t>(w2), static_cast<int64_t>(w3),
                 static_cast<int64_t>(w4)};
}

bool HasExpertise(const Official& o, const Enterprise& e) {
  return std::find(o.industries.begin(), o.industries.end(), e.industry_code) != o.industries.end();
}

// The pool an official may serve in: rank and region both match.
bool InPool(const Official& o, const Enterprise& e) {
  return e.is_key ? o.rank == Rank::kCity : o.rank == Rank::kDistrict && o.region_id == e.region_id;
}

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), size_t{0}); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Unite(size_t a, size_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

Result<Plan> PlanAssignments(std::span<const Enterprise> enterprises, std::span<const Official> officials,
                             std::span<const Assignment> current, directory::Date on) {
  // Inputs by id, so that the plan does not depend on their order.
  std::unordered_map<int64_t, const Enterprise*> enterprise_by_id;
  std::unordered_map<int64_t, const Official*> official_by_id;
  for (const Enterprise& e : enterprises) {
    if (!enterprise_by_id.emplace(e.id, &e).second) {
      return Error::Invalid("liaison.duplicate_enterprise", "enterprise " + std::to_string(e.id) + " appears twice",
                            "企业 " + std::to_string(e.id) + " 重复出现");
    }
  }
  for (const Official& o : officials) {
    if (!official_by_id.emplace(o.id, &o).second) {
      return Error::Invalid("liaison.duplicate_official", "official " + std::to_string(o.id) + " appears twice",
                            "领导 " + std::to_string(o.id) + " 重复出现");
    }
    if (o.liaison_capacity < 0) {
      return Error::Invalid("liaison.negative_capacity",
                            "official " + std::to_string(o.id) + " has a negative liaison capacity",
                            "领导 " + std::to_string(o.id) + " 的联络名额为负数");
    }
  }
  auto by_id = [](auto* a, auto* b) { return a->id < b->id; };
  std::vector<const Enterprise*> planned;  // above scale, by id
  for (const Enterprise& e : enterprises) {
    if (e.above_scale) planned.push_back(&e);
  }
  std::sort(planned.begin(), planned.end(), by_id);
  std::vector<const Official*> active;  // by id
  for (const Official& o : officials) {
    if (o.ActiveOn(on)) active.push_back(&o);
  }
  std::sort(active.begin(), active.end(), by_id);

  std::set<std::pair<int64_t, int64_t>> conflicts;  // (official, enterprise)
  for (const Official* o : active) {
    for (const auto& c : o->conflicts) conflicts.emplace(o->id, c.enterprise_id);
  }
  // Today's liaisons of each enterprise, deduplicated, by official id.
  std::map<int64_t, std::vector<int64_t>> current_of;
  for (const Assignment& a : current) current_of[a.enterprise_id].push_back(a.official_id);
  for (auto& [e, list] : current_of) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  auto is_current = [&](int64_t official_id, int64_t enterprise_id) {
    auto it = current_of.find(enterprise_id);
    return it != current_of.end() && std::binary_search(it->second.begin(), it->second.end(), official_id);
  };

  // Pools of active officials: the city leaders, and the district officials of each region.
  std::vector<size_t> city_pool;
  std::map<int64_t, std::vector<size_t>> district_pool;
  for (size_t j = 0; j < active.size(); ++j) {
    if (active[j]->rank == Rank::kCity) {
      city_pool.push_back(j);
    } else {
      district_pool[active[j]->region_id].push_back(j);
    }
  }
  static const std::vector<size_t> kNone;
  auto pool_of = [&](const Enterprise& e) -> const std::vector<size_t>& {
    if (e.is_key) return city_pool;
    auto it = district_pool.find(e.region_id);
    return it == district_pool.end() ? kNone : it->second;
  };

  // Eligibility graph and its connected components (enterprises 0…E−1, officials E…E+O−1).
  const size_t ne = planned.size(), no = active.size();
  std::vector<std::vector<size_t>> eligible(ne);
  UnionFind uf(ne + no);
  for (size_t i = 0; i < ne; ++i) {
    for (size_t j : pool_of(*planned[i])) {
      if (conflicts.count({active[j]->id, planned[i]->id})) continue;
      eligible[i].push_back(j);
      uf.Unite(i, ne + j);
    }
  }
  std::map<size_t, std::vector<size_t>> component_enterprises;  // root → enterprises, by id
  for (size_t i = 0; i < ne; ++i) {
    if (!eligible[i].empty()) component_enterprises[uf.Find(i)].push_back(i);
  }

  std::vector<int64_t> liaison(ne, 0);  // official id, 0 while uncovered
  for (const auto& [root, members] : component_enterprises) {
    // Officials of the component, by id, with their degree.
    std::vector<size_t> officials_here;
    for (size_t i : members) officials_here.insert(officials_here.end(), eligible[i].begin(), eligible[i].end());
    std::sort(officials_here.begin(), officials_here.end());
    std::vector<int64_t> degree;
    {
      std::vector<size_t> unique_officials;
      for (size_t k = 0; k < officials_here.size();) {
        size_t m = k;
        while (m < officials_here.size() && officials_here[m] == officials_here[k]) ++m;
        unique_officials.push_back(officials_here[k]);
        degree.push_back(static_cast<int64_t>(m - k));
        k = m;
      }
      officials_here = std::move(unique_officials);
    }
    const int64_t n = static_cast<int64_t>(members.size());
    std::vector<int64_t> slots(officials_here.size());
    int64_t bmax = 0;
    for (size_t k = 0; k < officials_here.size(); ++k) {
      slots[k] = std::min<int64_t>(active[officials_here[k]]->liaison_capacity, degree[k]);
      bmax += slots[k] * (slots[k] - 1) / 2;
    }
    ZT_ASSIGN_OR_RETURN(Weights w, WeightsFor(n, bmax));

    // Nodes: 0 source, 1 sink, 2… enterprises, then officials.
    const int source = 0, sink = 1;
    auto enterprise_node = [&](size_t local) { return static_cast<int>(2 + local); };
    auto official_node = [&](size_t local) { return static_cast<int>(2 + members.size() + local); };
    MinCostFlow flow(static_cast<int>(2 + members.size() + officials_here.size()));
    std::unordered_map<size_t, size_t> local_official;
    for (size_t k = 0; k < officials_here.size(); ++k) local_official[officials_here[k]] = k;
    struct Link {
      int arc;
      size_t enterprise;  // index into planned
      size_t official;    // index into active
    };
    std::vector<Link> links;
    for (size_t l = 0; l < members.size(); ++l) {
      const Enterprise& e = *planned[members[l]];
      flow.AddArc(source, enterprise_node(l), 1, 0);
      for (size_t j : eligible[members[l]]) {
        const Official& o = *active[j];
        int64_t cost = (is_current(o.id, e.id) ? 0 : w.not_kept) + (HasExpertise(o, e) ? 0 : w.non_expert);
        links.push_back({flow.AddArc(enterprise_node(l), official_node(local_official[j]), 1, cost), members[l], j});
      }
      flow.AddArc(enterprise_node(l), sink, 1, w.uncovered);
    }
    for (size_t k = 0; k < officials_here.size(); ++k) {
      for (int64_t s = 1; s <= slots[k]; ++s) flow.AddArc(official_node(k), sink, 1, w.balance * (s - 1));
    }
    ZT_ASSIGN_OR_RETURN(MinCostFlow::Outcome outcome, flow.Solve(source, sink, n));
    if (outcome.flow != n) {
      return Error::Internal("liaison.flow_incomplete", "the assignment network did not route every enterprise");
    }
    for (const Link& link : links) {
      if (flow.Flow(link.arc) > 0) liaison[link.enterprise] = active[link.official]->id;
    }
  }

  // Why today's assignment (official, enterprise) cannot continue, if it cannot.
  auto invalid_reason = [&](int64_t official_id, const Enterprise* e) -> std::optional<EndReason> {
    if (e == nullptr || !e->above_scale) return EndReason::kEnterpriseGone;
    auto it = official_by_id.find(official_id);
    if (it == official_by_id.end() || !it->second->ActiveOn(on)) return EndReason::kOfficialInactive;
    if (conflicts.count({official_id, e->id})) return EndReason::kConflict;
    if (!InPool(*it->second, *e)) return EndReason::kIneligible;
    return std::nullopt;
  };

  Plan plan;
  for (size_t i = 0; i < ne; ++i) {
    const Enterprise& e = *planned[i];
    auto it = current_of.find(e.id);
    std::vector<int64_t> today = it == current_of.end() ? std::vector<int64_t>{} : it->second;
    const int64_t to = liaison[i];
    bool keeps = to != 0 && std::binary_search(today.begin(), today.end(), to);
    // The reason each of today's other liaisons ends.
    auto reason = [&](int64_t official_id) {
      auto r = invalid_reason(official_id, &e);
      return r ? *r : keeps ? EndReason::kDuplicate : EndReason::kForCoverage;
    };
    if (to == 0) {
      const auto& pool = pool_of(e);
      plan.uncovered.push_back({e.id, pool.empty()             ? UncoveredReason::kNoOfficialInPool
                                      : eligible[i].empty() ? UncoveredReason::kOnlyConflicted
                                                            : UncoveredReason::kNoCapacity});
      for (int64_t from : today) plan.ended.push_back({{from, e.id}, reason(from)});
      continue;
    }
    plan.assignments.push_back({to, e.id});
    if (keeps) {
      plan.kept.push_back({to, e.id});
      for (int64_t from : today) {
        if (from != to) plan.ended.push_back({{from, e.id}, reason(from)});
      }
    } else if (today.empty()) {
      plan.added.push_back({to, e.id});
    } else {
      plan.moved.push_back({e.id, today[0], to, reason(today[0])});
      for (size_t k = 1; k < today.size(); ++k) plan.ended.push_back({{today[k], e.id}, reason(today[k])});
    }
  }
  // Assignments of enterprises outside the plan (unknown, or no longer above scale).
  for (const auto& [enterprise_id, today] : current_of) {
    auto it = enterprise_by_id.find(enterprise_id);
    if (it != enterprise_by_id.end() && it->second->above_scale) continue;
    for (int64_t from : today) plan.ended.push_back({{from, enterprise_id}, EndReason::kEnterpriseGone});
  }
  std::sort(plan.ended.begin(), plan.ended.end(), [](const Ending& a, const Ending& b) {
    return std::pair(a.assignment.enterprise_id, a.assignment.official_id) <
           std::pair(b.assignment.enterprise_id, b.assignment.official_id);
  });
  return plan;
}

}  // namespace zhitong::liaison
