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
  std::vector<int64_t> potential(n, 0), dist(n);
  std::vector<int> parent_arc(n);
  std::vector<char> settled(n);
  using Entry = std::pair<int64_t, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;

  Outcome out;
  while (out.flow < limit) {
    std::fill(dist.begin(), dist.end(), kInf);
    std::fill(settled.begin(), settled.end(), 0);
    dist[static_cast<size_t>(source)] = 0;
    parent_arc[static_cast<size_t>(source)] = -1;
    heap = {};
    heap.push({0, source});
    while (!heap.empty()) {
      auto [d, u] = heap.top();
      heap.pop();
      size_t uu = static_cast<size_t>(u);
      if (settled[uu]) continue;
      settled[uu] = 1;
      if (u == sink) break;  // nodes farther than the sink are not needed (see below)
      for (int a : adjacency_[uu]) {
        const Arc& arc = arcs_[static_cast<size_t>(a)];
        if (arc.residual <= 0) continue;
        size_t v = static_cast<size_t>(arc.to);
        if (settled[v]) continue;
        int64_t nd = d + arc.cost + potential[uu] - potential[v];  // reduced cost >= 0
        if (nd < dist[v]) {
          dist[v] = nd;
          parent_arc[v] = a;
          heap.push({nd, arc.to});
        }
      }
    }
    const size_t t = static_cast<size_t>(sink);
    if (!settled[t]) break;  // no augmenting path: the flow is maximum
    // Potentials grow by min(dist, dist[sink]). This keeps every residual reduced cost
    // non-negative although Dijkstra stopped at the sink: for an arc u→v, if u was settled
    // below dist[sink] then dist[v] <= dist[u] + reduced cost; otherwise u gains the full
    // dist[sink], which no v gains more than.
    const int64_t dt = dist[t];
    for (size_t v = 0; v < n; ++v) potential[v] += std::min(dist[v], dt);

    int64_t push = limit - out.flow;
    for (size_t v = t; parent_arc[v] >= 0; v = static_cast<size_t>(arcs_[static_cast<size_t>(parent_arc[v]) ^ 1].to)) {
      push = std::min(push, arcs_[static_cast<size_t>(parent_arc[v])].residual);
    }
    for (size_t v = t; parent_arc[v] >= 0; v = static_cast<size_t>(arcs_[static_cast<size_t>(parent_arc[v]) ^ 1].to)) {
      size_t a = static_cast<size_t>(parent_arc[v]);
      arcs_[a].residual -= push;
      arcs_[a ^ 1].residual += push;
      out.cost += push * arcs_[a].cost;
    }
    out.flow += push;
  }
  return out;
}

}  // namespace zhitong::liaison
