#include "liaison/assignment.h"

#include <algorithm>
#include <limits>
#include <map>
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

// The cost encoding. Each pool (the city leaders with the key enterprises; each region's district
// officials with its other enterprises) is one network. Conceptually, per enterprise e:
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
// With n enterprises in the pool, 0 ≤ m, x ≤ n and 0 ≤ B ≤ Bmax = Σ_o s_o(s_o−1)/2. Take
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
// assignments: (u, m) in lexicographic order is (uncovered, −kept). Pools are independent and the
// lexicographic order is compatible with addition, so the union of per-pool optima is the global
// lexicographic optimum. Costs are non-negative, as successive shortest paths needs.
//
// Aggregation (what is actually built, so that a pool of 10,000 enterprises × 1,000 officials is
// not 10 million arcs): enterprises without a declared conflict in the pool and with at most one
// valid current liaison differ only by (industry, current liaison), so each such class is one
// group node g of n_g units:
//
//   source → g (n_g, 0);  g → sink (n_g, U);  g → its current liaison o* (min(n_g, s_o*), W4·[o* lacks
//   expertise]);  g → hub(industry) (n_g, 0);  hub(i) → o, every o of the pool (min(n_i, s_o),
//   W2 + W4·[o lacks expertise in i])
//
// and the other enterprises keep their own node and arcs as above. Every assignment maps to a flow
// of the same cost (a kept enterprise through g → o*, the others through the hub), so the
// aggregated optimum is at most the optimum. Conversely an optimal flow never sends a unit of a
// group g through the hub to g's own current liaison o* while the hub sends a unit to o*: moving
// that unit to g → o* (it has room: o* takes at most s_o* units in all) would save W2. So pairing
// each hub's incoming units with its outgoing units in any order gives an assignment of exactly
// the flow's cost, which is therefore optimal.
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

bool HasExpertise(const Official& o, std::string_view industry) {
  return std::find(o.industries.begin(), o.industries.end(), industry) != o.industries.end();
}

// The pool an official may serve in: rank and region both match.
bool InPool(const Official& o, const Enterprise& e) {
  return e.is_key ? o.rank == Rank::kCity : o.rank == Rank::kDistrict && o.region_id == e.region_id;
}

// Solves one pool: `members` (indices into planned, by id) and `pool` (indices into active, by
// id). Sets liaison[i] for the covered members and has_eligible[i] for those with at least one
// official they may have.
Result<void> SolvePool(const std::vector<const Enterprise*>& planned, const std::vector<const Official*>& active,
                       const std::vector<size_t>& members, const std::vector<size_t>& pool,
                       const std::unordered_map<int64_t, std::vector<size_t>>& conflicted_with,
                       const std::map<int64_t, std::vector<int64_t>>& current_of,
                       const std::unordered_map<int64_t, size_t>& active_index, std::vector<int64_t>& liaison,
                       std::vector<char>& has_eligible) {
  const size_t np = pool.size();
  if (np == 0) return Ok();
  auto local_of = [&](size_t j) -> std::optional<size_t> {
    auto it = std::lower_bound(pool.begin(), pool.end(), j);
    if (it == pool.end() || *it != j) return std::nullopt;
    return static_cast<size_t>(it - pool.begin());
  };
  struct Member {
    size_t i;                        // index into planned
    std::vector<size_t> conflicted;  // local officials it may not have, ascending
    std::vector<size_t> current;     // its valid current liaisons (local), ascending
  };
  std::vector<Member> network;
  std::vector<int64_t> conflicted_count(np, 0);  // network members each official may not serve
  for (size_t i : members) {
    const Enterprise& e = *planned[i];
    Member m{i, {}, {}};
    if (auto it = conflicted_with.find(e.id); it != conflicted_with.end()) {
      for (size_t j : it->second) {
        if (auto k = local_of(j)) m.conflicted.push_back(*k);
      }
      std::sort(m.conflicted.begin(), m.conflicted.end());
      m.conflicted.erase(std::unique(m.conflicted.begin(), m.conflicted.end()), m.conflicted.end());
    }
    if (m.conflicted.size() == np) continue;  // nobody may serve it
    has_eligible[i] = 1;
    if (auto it = current_of.find(e.id); it != current_of.end()) {
      for (int64_t official_id : it->second) {
        auto a = active_index.find(official_id);
        if (a == active_index.end()) continue;
        auto k = local_of(a->second);
        if (k && !std::binary_search(m.conflicted.begin(), m.conflicted.end(), *k)) m.current.push_back(*k);
      }
      std::sort(m.current.begin(), m.current.end());
    }
    for (size_t k : m.conflicted) ++conflicted_count[k];
    network.push_back(std::move(m));
  }
  const int64_t n = static_cast<int64_t>(network.size());
  if (n == 0) return Ok();
  std::vector<int64_t> slots(np);
  int64_t bmax = 0;
  for (size_t k = 0; k < np; ++k) {
    slots[k] = std::min<int64_t>(active[pool[k]]->liaison_capacity, n - conflicted_count[k]);
    bmax += slots[k] * (slots[k] - 1) / 2;
  }
  ZT_ASSIGN_OR_RETURN(Weights w, WeightsFor(n, bmax));

  // Groups by (industry, current liaison or np for none); the rest are individuals.
  std::map<std::pair<std::string, size_t>, std::vector<size_t>> groups;  // → positions in network
  std::vector<size_t> individuals;
  for (size_t p = 0; p < network.size(); ++p) {
    const Member& m = network[p];
    if (!m.conflicted.empty() || m.current.size() > 1) {
      individuals.push_back(p);
    } else {
      groups[{planned[m.i]->industry_code, m.current.empty() ? np : m.current[0]}].push_back(p);
    }
  }
  std::map<std::string, int64_t> hub_units;  // industry → units
  for (const auto& [key, list] : groups) hub_units[key.first] += static_cast<int64_t>(list.size());

  // Nodes: 0 source, 1 sink, groups, individuals, hubs, officials.
  const int source = 0, sink = 1;
  const int first_group = 2;
  const int first_individual = first_group + static_cast<int>(groups.size());
  const int first_hub = first_individual + static_cast<int>(individuals.size());
  const int first_official = first_hub + static_cast<int>(hub_units.size());
  MinCostFlow flow(first_official + static_cast<int>(np));
  std::map<std::string, int> hub_node;
  for (const auto& [industry, units] : hub_units) hub_node[industry] = first_hub + static_cast<int>(hub_node.size());
  auto official_node = [&](size_t k) { return first_official + static_cast<int>(k); };
  auto cost_to = [&](size_t k, std::string_view industry, bool kept) {
    return (kept ? 0 : w.not_kept) + (HasExpertise(*active[pool[k]], industry) ? 0 : w.non_expert);
  };

  struct GroupArcs {
    int direct = -1, hub = -1;
  };
  std::vector<GroupArcs> group_arcs;
  int g = first_group;
  for (const auto& [key, list] : groups) {
    const int64_t units = static_cast<int64_t>(list.size());
    flow.AddArc(source, g, units, 0);
    flow.AddArc(g, sink, units, w.uncovered);
    GroupArcs arcs;
    if (key.second < np && slots[key.second] > 0) {
      arcs.direct = flow.AddArc(g, official_node(key.second), std::min(units, slots[key.second]),
                                cost_to(key.second, key.first, true));
    }
    arcs.hub = flow.AddArc(g, hub_node[key.first], units, 0);
    group_arcs.push_back(arcs);
    ++g;
  }
  struct Link {
    int arc;
    size_t position;  // in network
    size_t official;  // local
  };
  std::vector<Link> links;
  for (size_t x = 0; x < individuals.size(); ++x) {
    const Member& m = network[individuals[x]];
    const int node = first_individual + static_cast<int>(x);
    const std::string& industry = planned[m.i]->industry_code;
    flow.AddArc(source, node, 1, 0);
    for (size_t k = 0; k < np; ++k) {
      if (slots[k] == 0 || std::binary_search(m.conflicted.begin(), m.conflicted.end(), k)) continue;
      const bool kept = std::binary_search(m.current.begin(), m.current.end(), k);
      links.push_back({flow.AddArc(node, official_node(k), 1, cost_to(k, industry, kept)), individuals[x], k});
    }
    flow.AddArc(node, sink, 1, w.uncovered);
  }
  std::map<std::string, std::vector<std::pair<int, size_t>>> hub_arcs;  // industry → (arc, official)
  for (const auto& [industry, units] : hub_units) {
    for (size_t k = 0; k < np; ++k) {
      if (slots[k] == 0) continue;
      hub_arcs[industry].push_back(
          {flow.AddArc(hub_node[industry], official_node(k), std::min(units, slots[k]), cost_to(k, industry, false)), k});
    }
  }
  for (size_t k = 0; k < np; ++k) {
    for (int64_t s = 1; s <= slots[k]; ++s) flow.AddArc(official_node(k), sink, 1, w.balance * (s - 1));
  }
  ZT_ASSIGN_OR_RETURN(MinCostFlow::Outcome outcome, flow.Solve(source, sink, n));
  if (outcome.flow != n) {
    return Error::Internal("liaison.flow_incomplete", "the assignment network did not route every enterprise");
  }

  // Decode: within a group, the first units (by enterprise id) stay with the current liaison, the
  // next go through the hub, the rest are uncovered; each hub hands its units to officials in order.
  std::map<std::string, std::vector<size_t>> hub_queue;  // industry → network positions, in order
  size_t index = 0;
  for (const auto& [key, list] : groups) {
    const GroupArcs& arcs = group_arcs[index++];
    const int64_t direct = arcs.direct >= 0 ? flow.Flow(arcs.direct) : 0;
    const int64_t via_hub = flow.Flow(arcs.hub);
    for (int64_t u = 0; u < static_cast<int64_t>(list.size()); ++u) {
      const size_t p = list[static_cast<size_t>(u)];
      if (u < direct) {
        liaison[network[p].i] = active[pool[key.second]]->id;
      } else if (u < direct + via_hub) {
        hub_queue[key.first].push_back(p);
      }
    }
  }
  for (const auto& [industry, arcs] : hub_arcs) {
    auto& queue = hub_queue[industry];
    size_t next = 0;
    for (const auto& [arc, k] : arcs) {
      for (int64_t u = flow.Flow(arc); u > 0; --u) {
        if (next == queue.size()) return Error::Internal("liaison.flow_unbalanced", "a hub sent more than it received");
        liaison[network[queue[next++]].i] = active[pool[k]]->id;
      }
    }
    if (next != queue.size()) return Error::Internal("liaison.flow_unbalanced", "a hub received more than it sent");
  }
  for (const Link& link : links) {
    if (flow.Flow(link.arc) > 0) liaison[network[link.position].i] = active[pool[link.official]]->id;
  }
  return Ok();
}

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

  // Pools of active officials: the city leaders, and the district officials of each region.
  std::vector<size_t> city_pool;
  std::map<int64_t, std::vector<size_t>> district_pool;
  std::unordered_map<int64_t, size_t> active_index;  // official id → index into active
  for (size_t j = 0; j < active.size(); ++j) {
    active_index[active[j]->id] = j;
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
  // The active officials each enterprise may not have (亲清: they declared a conflict with it).
  std::unordered_map<int64_t, std::vector<size_t>> conflicted_with;
  for (size_t j = 0; j < active.size(); ++j) {
    for (const auto& c : active[j]->conflicts) conflicted_with[c.enterprise_id].push_back(j);
  }

  // The enterprises of each pool (key enterprises: the city's; the others: their region's).
  const size_t ne = planned.size();
  std::map<std::pair<bool, int64_t>, std::vector<size_t>> members_of;  // (key?, region) → planned indices
  for (size_t i = 0; i < ne; ++i) {
    members_of[{planned[i]->is_key, planned[i]->is_key ? 0 : planned[i]->region_id}].push_back(i);
  }
  std::vector<int64_t> liaison(ne, 0);  // official id, 0 while uncovered
  std::vector<char> has_eligible(ne, 0);
  for (const auto& [key, members] : members_of) {
    ZT_TRY(SolvePool(planned, active, members, pool_of(*planned[members[0]]), conflicted_with, current_of,
                     active_index, liaison, has_eligible));
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
      plan.uncovered.push_back({e.id, pool.empty()       ? UncoveredReason::kNoOfficialInPool
                                      : !has_eligible[i] ? UncoveredReason::kOnlyConflicted
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
