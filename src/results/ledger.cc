#include "results/ledger.h"

#include "requests/state_machine.h"

namespace zhitong::results {

void Ledger::DropZeros() {
  std::erase_if(buckets_, [](const auto& kv) { return kv.second == Counts{}; });
}

Result<std::vector<Delta>> TimelineContributions(std::span<const requests::Event> events, const RequestUnits& units,
                                                 const DueFn& dues) {
  std::vector<Delta> out;
  if (events.empty()) return out;
  ZT_ASSIGN_OR_RETURN(requests::Request state, requests::Replay(events.first(1)));
  {
    Step step{nullptr, &events[0], &state, {}, units};
    auto d = Contributions(step);
    out.insert(out.end(), d.begin(), d.end());
  }
  for (size_t i = 1; i < events.size(); ++i) {
    const requests::Event& e = events[i];
    if (e.seq != static_cast<int64_t>(i + 1) || e.request_id != state.id) {
      return Error::Internal("request.timeline_invalid",
                             "request timeline is not well-formed at event " + std::to_string(i + 1));
    }
    ZT_ASSIGN_OR_RETURN(Dues before_dues, dues(state, e.at));
    requests::Request next = requests::Apply(state, e);
    Step step{&state, &e, &next, before_dues, units};
    auto d = Contributions(step);
    out.insert(out.end(), d.begin(), d.end());
    state = std::move(next);
  }
  return out;
}

}  // namespace zhitong::results
