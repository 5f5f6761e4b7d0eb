// Holds data/requests/transitions.tsv, the C++ table and Decide() to one another: every line of
// the file is in the table and Decide allows it; every (status, action) pair not in the file is
// refused as an invalid transition; and actors without a listed relation are refused.
#include "requests/transitions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "requests/state_machine.h"
#include "requests/test_util.h"

namespace zhitong::requests {
namespace {

using namespace testing;

std::vector<Transition> FileTransitions() {
  std::vector<Transition> out;
  for (const auto& row : ReadTsv(SourcePath("data/requests/transitions.tsv"))) {
    EXPECT_EQ(row.size(), 4u);
    if (row.size() != 4) continue;
    auto from = Parse<Status>(row[0]);
    auto action = Parse<Action>(row[1]);
    auto relation = Parse<Relation>(row[2]);
    auto to = Parse<Status>(row[3]);
    EXPECT_TRUE(from && action && relation && to) << row[0] << " " << row[1] << " " << row[2];
    if (from && action && relation && to) out.push_back({*from, *action, *relation, *to});
  }
  return out;
}

// The steps that bring a fresh request into `status`, routed to gxj where that applies.
std::vector<std::pair<Command, Actor>> PathTo(Status status) {
  Command merge = Cmd(Action::kMerge, "重复");
  merge.merge_target = MergeTarget{"R-0", Status::kInProgress, At(-10)};
  std::vector<std::pair<Command, Actor>> steps;
  auto add = [&](Command c, Actor a) { steps.emplace_back(std::move(c), std::move(a)); };
  switch (status) {
    case Status::kSubmitted: break;
    case Status::kRejected: add(Cmd(Action::kReject, "不予受理"), Dispatcher()); break;
    case Status::kWithdrawn: add(Cmd(Action::kWithdraw), Requester()); break;
    case Status::kMerged: add(merge, Dispatcher()); break;
    default: {
      add(Cmd(Action::kAccept), Dispatcher());
      if (status == Status::kAccepted) break;
      add(WithDept(Action::kRoute, "gxj"), Dispatcher());
      if (status == Status::kRouted) break;
      add(Cmd(Action::kSign), Handler());
      if (status == Status::kSigned) break;
      add(Cmd(Action::kStart), Handler());
      if (status == Status::kInProgress) break;
      if (status == Status::kWaitingRequester) {
        add(Cmd(Action::kRequestInfo, "请补充"), Handler());
        break;
      }
      add(Cmd(Action::kReply, "答复"), Handler());
      if (status == Status::kReplied) break;
      add(WithRating(Action::kRate, RatingLevel::kSatisfied), Requester());  // closed
    }
  }
  return steps;
}

// Extra steps some actions need before they make sense (a bad rating before a rectification …).
std::vector<std::pair<Command, Actor>> StepsFor(Status status, Action action) {
  std::vector<std::pair<Command, Actor>> steps;
  const bool loop = action == Action::kRectify || action == Action::kRevisit ||
                    action == Action::kAppeal || action == Action::kDecideAppeal;
  if (!loop) return PathTo(status);
  steps = PathTo(Status::kReplied);
  steps.emplace_back(WithRating(Action::kRate, RatingLevel::kDissatisfied), Requester());
  if (action == Action::kRevisit || status == Status::kClosed) {
    steps.emplace_back(Cmd(Action::kRectify, "已整改"), Handler());
  }
  if (status == Status::kClosed) {
    steps.emplace_back(WithRating(Action::kRevisit, RatingLevel::kSatisfied), Requester());
  }
  if (action == Action::kDecideAppeal) steps.emplace_back(Cmd(Action::kAppeal, "评价不实"), Handler());
  return steps;
}

Timeline Build(const std::vector<std::pair<Command, Actor>>& steps) {
  Timeline t;
  for (const auto& [c, a] : steps) t.Must(c, a);
  return t;
}

// Well-formed commands for an action; several where the data decides the outcome.
std::vector<Command> Variants(Action a) {
  Command merge = Cmd(Action::kMerge, "重复");
  merge.merge_target = MergeTarget{"R-0", Status::kInProgress, At(-10)};
  switch (a) {
    case Action::kRoute: return {WithDept(a, "rsj")};
    case Action::kTransfer: return {WithDept(a, "rsj", "职责调整")};
    case Action::kAddCohandler: return {WithDept(a, "zrzyj")};
    case Action::kRate:
      return {WithRating(a, RatingLevel::kSatisfied), WithRating(a, RatingLevel::kDissatisfied)};
    case Action::kRevisit: return {WithRating(a, RatingLevel::kSatisfied)};
    case Action::kDecideAppeal: return {Decision(true), Decision(false)};
    case Action::kMerge: return {merge};
    case Action::kEscalate: {
      Command c = Cmd(a, "");
      c.escalation = EscalationOrder{DueKind::kReply, EscalationLevel::kLiaison, At(0), At(-1)};
      return {c};
    }
    case Action::kAttach: {
      Command c = Cmd(a, "");
      c.attachment = AttachmentRef{"1", "营业执照.pdf", "application/pdf", 1024, std::string(64, 'a')};
      return {c};
    }
    default: return {Cmd(a, "说明")};
  }
}

const std::map<Relation, Actor>& ActorFor() {
  static const std::map<Relation, Actor> actors{{Relation::kRequester, Requester()},
                                                {Relation::kDispatcher, Dispatcher()},
                                                {Relation::kHandler, Handler("gxj")},
                                                {Relation::kAdmin, Admin()},
                                                {Relation::kSystem, System()}};
  return actors;
}

TEST(TransitionsTable, FileAndCppTableListTheSameLines) {
  const auto file = FileTransitions();
  const auto table = Transitions();
  EXPECT_EQ(file.size(), table.size());
  for (const auto& t : file) {
    EXPECT_NE(std::find(table.begin(), table.end(), t), table.end())
        << "in the file, not in C++: " << Name(t.from) << " " << Name(t.action) << " "
        << Name(t.relation) << " " << Name(t.to);
  }
  for (const auto& t : table) {
    EXPECT_NE(std::find(file.begin(), file.end(), t), file.end())
        << "in C++, not in the file: " << Name(t.from) << " " << Name(t.action);
  }
}

TEST(TransitionsTable, DecideAllowsEveryLineOfTheFile) {
  for (const auto& line : FileTransitions()) {
    const std::string label = std::string(Name(line.from)) + " " + std::string(Name(line.action)) +
                              " by " + std::string(Name(line.relation)) + " → " + std::string(Name(line.to));
    Timeline t = Build(StepsFor(line.from, line.action));
    ASSERT_EQ(t.state().status, line.from) << label;
    bool reached = false;
    for (const Command& c : Variants(line.action)) {
      Timeline copy = t;
      auto r = copy.Do(c, ActorFor().at(line.relation));
      if (r && copy.state().status == line.to) reached = true;
    }
    EXPECT_TRUE(reached) << label;
  }
}

TEST(TransitionsTable, DecideRefusesEveryPairNotInTheFile) {
  std::set<std::pair<Status, Action>> listed;
  for (const auto& line : FileTransitions()) listed.insert({line.from, line.action});
  int refused = 0;
  for (Status s : All<Status>()) {
    const Timeline t = Build(PathTo(s));
    for (Action a : All<Action>()) {
      if (listed.contains({s, a})) continue;
      for (const Command& c : Variants(a)) {
        for (const auto& [relation, actor] : ActorFor()) {
          Timeline copy = t;
          auto r = copy.Do(c, actor);
          ASSERT_FALSE(r) << Name(s) << " " << Name(a) << " by " << Name(relation);
          EXPECT_EQ(r.error().code, "request.invalid_transition") << Name(s) << " " << Name(a);
          ++refused;
        }
      }
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(TransitionsTable, ActorsWithoutAListedRelationAreForbidden) {
  std::map<std::pair<Status, Action>, std::set<Relation>> relations;
  for (const auto& line : FileTransitions()) relations[{line.from, line.action}].insert(line.relation);
  for (const auto& [key, allowed] : relations) {
    const auto [status, action] = key;
    const Timeline t = Build(StepsFor(status, action));
    for (const auto& [relation, actor] : ActorFor()) {
      if (allowed.contains(relation)) continue;
      for (const Command& c : Variants(action)) {
        Timeline copy = t;
        auto r = copy.Do(c, actor);
        ASSERT_FALSE(r) << Name(status) << " " << Name(action) << " by " << Name(relation);
        EXPECT_EQ(r.error().code, "request.not_allowed") << Name(status) << " " << Name(action);
      }
    }
  }
}

}  // namespace
}  // namespace zhitong::requests
