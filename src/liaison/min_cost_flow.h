// An exact minimum-cost flow solver for the liaison assignment: the primal–dual method — Dijkstra
// on reduced costs (Johnson potentials) for the next shortest-path length, then blocking flows
// (Dinic) along every path of that length at once. Integer capacities and costs; exact, no
// floating point. Pure and single-threaded: one instance is one problem.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"

namespace zhitong::liaison {

class MinCostFlow {
 public:
  // A network with nodes 0 … nodes-1 and no arcs.
  explicit MinCostFlow(int nodes);

  // Adds an arc from → to and returns its id (0, 1, 2, … in order of addition).
  // REQUIRES: 0 <= from, to < nodes; capacity >= 0; cost >= 0 (so that all-zero potentials are
  // feasible at the start).
  int AddArc(int from, int to, int64_t capacity, int64_t cost);

  struct Outcome {
    int64_t flow = 0;
    int64_t cost = 0;
  };

  // Sends up to `limit` units from source to sink. Among all flows of the value reached, the
  // result has minimum cost; sending as much as possible therefore gives a minimum-cost maximum
  // flow. Augments along shortest paths only, in a deterministic order: the same network gives
  // the same flow. Fails with kInvalid "liaison.flow_overflow" if costs are so large that path lengths or
  // the total cost could overflow 64 bits. Call at most once.
  Result<Outcome> Solve(int source, int sink, int64_t limit);

  // The flow on arc `arc` after Solve.
  int64_t Flow(int arc) const;

  int nodes() const { return static_cast<int>(adjacency_.size()); }

 private:
  struct Arc {
    int to;
    int64_t residual;
    int64_t cost;
  };
  // Arc 2k is the k-th added arc, 2k+1 its reverse (zero residual, negated cost).
  std::vector<Arc> arcs_;
  std::vector<int64_t> capacity_;  // per added arc
  std::vector<std::vector<int>> adjacency_;
};

}  // namespace zhitong::liaison
