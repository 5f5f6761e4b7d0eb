#include "liaison/min_cost_flow.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace zhitong::liaison {

// 128-bit integers for overflow checks only (a GCC/Clang extension).
__extension__ typedef __int128 Wide;

MinCostFlow::MinCostFlow(int nodes) : adjacency_(static_cast<size_t>(nodes)) {}

int MinCostFlow::AddArc(int from, int to, int64_t capacity, int64_t cost) {
  assert(from >= 0 && from < nodes() && to >= 0 && to < nodes());
  assert(capacity >= 0 && cost >= 0);
  int id = static_cast<int>(capacity_.size());
  adjacency_[static_cast<size_t>(from)].push_back(static_cast<int>(arcs_.size()));
  arcs_.push_back({to, capacity, cost});
  adjacency_[static_cast<size_t>(to)].push_back(static_cast<int>(arcs_.size()));
  arcs_.push_back({from, 0, -cost});
  capacity_.push_back(capacity);
  return id;
}

int64_t MinCostFlow::Flow(int arc) const {
  return capacity_[static_cast<size_t>(arc)] - arcs_[2 * static_cast<size_t>(arc)].residual;
}

Result<MinCostFlow::Outcome> MinCostFlow::Solve(int source, int sink, int64_t limit) {
  // Bounds: every shortest-path distance and potential is at most the sum of all arc costs in
  // absolute value, and the total cost at most the sum of capacity × cost. Both must leave
  // headroom in int64 (distances are added to potentials and reduced costs).
  constexpr Wide kHeadroom = std::numeric_limits<int64_t>::max() / 4;
  Wide cost_sum = 0, total_bound = 0;
  for (size_t k = 0; k < capacity_.size(); ++k) {
    cost_sum += arcs_[2 * k].cost;
    total_bound += static_cast<Wide>(arcs_[2 * k].cost) * capacity_[k];
    if (cost_sum > kHeadroom || total_bound > kHeadroom) {
      return Error::Invalid("liaison.flow_overflow", "the assignment problem is too large for 64-bit costs",
                            "分配问题规模过大, 费用超出 64 位整数范围");
    }
  }

  constexpr int64_t kInf = std::numeric_limits<int64_t>::max();
  const size_t n = adjacency_.size();
  const size_t s = static_cast<size_t>(source), t = static_cast<size_t>(sink);
  std::vector<int64_t> potential(n, 0), dist(n);
  std::vector<char> settled(n);
  std::vector<int> level(n);
  std::vector<size_t> next_arc(n);
  std::vector<int> queue;
  using Entry = std::pair<int64_t, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
  auto reduced = [&](size_t from, const Arc& arc) {
    return arc.cost + potential[from] - potential[static_cast<size_t>(arc.to)];
  };

  // Primal–dual: each phase finds the shortest-path distance to the sink (Dijkstra on reduced
  // costs), then saturates every shortest path at once with blocking flows (Dinic) on the arcs of
  // zero reduced cost. Assignment costs take few distinct values, so there are few phases, each
  // carrying many units, where plain successive shortest paths would run one Dijkstra per unit.
  Outcome out;
  while (out.flow < limit) {
    std::fill(dist.begin(), dist.end(), kInf);
    std::fill(settled.begin(), settled.end(), 0);
    dist[s] = 0;
    heap = {};
    heap.push({0, source});
    while (!heap.empty()) {
      auto [d, u] = heap.top();
      heap.pop();
      size_t uu = static_cast<size_t>(u);
      if (settled[uu]) continue;
      settled[uu] = 1;
      if (uu == t) break;  // nodes farther than the sink are not needed (see below)
      for (int a : adjacency_[uu]) {
        const Arc& arc = arcs_[static_cast<size_t>(a)];
        if (arc.residual <= 0) continue;
        size_t v = static_cast<size_t>(arc.to);
        if (settled[v]) continue;
        int64_t nd = d + reduced(uu, arc);  // reduced cost >= 0
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.push({nd, arc.to});
        }
      }
    }
    if (!settled[t]) break;  // no augmenting path: the flow is maximum
    // Potentials grow by min(dist, dist[sink]). This keeps every residual reduced cost
    // non-negative although Dijkstra stopped at the sink: for an arc u→v, if u was settled
    // below dist[sink] then dist[v] <= dist[u] + reduced cost; otherwise u gains the full
    // dist[sink], which no v gains more than. Afterwards a source–sink path all of whose arcs have
    // reduced cost 0 is a shortest path, and so is every path the phase augments along: pushing
    // flow on a zero arc opens its reverse, also at zero.
    const int64_t dt = dist[t];
    for (size_t v = 0; v < n; ++v) potential[v] += std::min(dist[v], dt);

    while (out.flow < limit) {
      // Levels by breadth-first search over admissible arcs (residual, zero reduced cost).
      std::fill(level.begin(), level.end(), -1);
      level[s] = 0;
      queue.assign(1, source);
      for (size_t head = 0; head < queue.size() && level[t] < 0; ++head) {
        const size_t u = static_cast<size_t>(queue[head]);
        for (int a : adjacency_[u]) {
          const Arc& arc = arcs_[static_cast<size_t>(a)];
          const size_t v = static_cast<size_t>(arc.to);
          if (arc.residual > 0 && level[v] < 0 && reduced(u, arc) == 0) {
            level[v] = level[u] + 1;
            queue.push_back(arc.to);
          }
        }
      }
      if (level[t] < 0) break;  // the phase is done: every shortest path is saturated
      std::fill(next_arc.begin(), next_arc.end(), 0);
      // One augmenting path along increasing levels per call (Dinic's blocking flow).
      auto augment = [&](auto&& self, size_t u, int64_t room) -> int64_t {
        if (u == t) return room;
        for (size_t& k = next_arc[u]; k < adjacency_[u].size(); ++k) {
          const int a = adjacency_[u][k];
          Arc& arc = arcs_[static_cast<size_t>(a)];
          const size_t v = static_cast<size_t>(arc.to);
          if (arc.residual <= 0 || level[v] != level[u] + 1 || reduced(u, arc) != 0) continue;
          const int64_t pushed = self(self, v, std::min(room, arc.residual));
          if (pushed > 0) {
            arc.residual -= pushed;
            arcs_[static_cast<size_t>(a) ^ 1].residual += pushed;
            out.cost += pushed * arc.cost;
            return pushed;
          }
        }
        return 0;
      };
      while (out.flow < limit) {
        const int64_t pushed = augment(augment, s, limit - out.flow);
        if (pushed == 0) break;
        out.flow += pushed;
      }
    }
  }
  return out;
}

}  // namespace zhitong::liaison
