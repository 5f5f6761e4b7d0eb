// Test support: a request's history built by hand, one command at a time at chosen instants, with
// its counter deltas folded the way the service's observer folds them (dues from the deadlines
// module on the built-in calendar).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calendar/builtin_calendar.h"
#include "requests/state_machine.h"
#include "requests_service/deadlines.h"
#include "results/definitions.h"
#include "results/ledger.h"

namespace zhitong::results::testing {

using requests::Action;
using requests::Actor;
using requests::Command;
using requests::RatingLevel;
using requests::Role;

// Shanghai local time: At("2025-03-03 10:00").
inline Instant At(const std::string& local) {
  std::string s = local;
  s[10] = 'T';
  return *ParseTimestamp(s + ":00+08:00");
}

inline const calendar::WorkingCalendar& Calendar() {
  static const calendar::WorkingCalendar cal = *calendar::BuiltInCalendar();
  return cal;
}

inline Result<Dues> DeadlineDues(const requests::Request& r, Instant at) {
  ZT_ASSIGN_OR_RETURN(auto d, requests_service::ComputeDeadlines(Calendar(), r, {5, 24}, at));
  return Dues{d.sign_due, d.reply_due};
}

inline Actor Requester(const std::string& enterprise = "e1") {
  return {"u-" + enterprise, Role::kEnterprise, std::nullopt, enterprise};
}
inline Actor Dispatcher() { return {"u-disp", Role::kDispatcher, std::nullopt, std::nullopt}; }
inline Actor Handler(const std::string& dept) { return {"u-h-" + dept, Role::kHandler, dept, std::nullopt}; }
inline Actor Admin() { return {"u-admin", Role::kAdmin, std::nullopt, std::nullopt}; }
inline Actor System() { return {"system", Role::kSystem, std::nullopt, std::nullopt}; }

inline Command Cmd(Action a, std::string note = "") {
  Command c;
  c.action = a;
  c.note = std::move(note);
  return c;
}
inline Command ToDept(Action a, const std::string& dept) {
  Command c = Cmd(a, "转办理由");
  c.department = dept;
  return c;
}
inline Command Rated(Action a, RatingLevel level) {
  Command c = Cmd(a);
  c.rating = level;
  return c;
}
inline Command Decision(bool upheld) {
  Command c = Cmd(Action::kDecideAppeal, "经核查");
  c.upheld = upheld;
  return c;
}

// One request: submitted at construction, then Do(command, actor, instant) step by step. Every
// step's deltas go into the ledger given.
class History {
 public:
  History(Ledger& ledger, const std::string& id, Instant submitted, const std::string& enterprise = "e1",
          const std::string& category = "power", RequestUnits units = {"2", "7"})
      : ledger_(ledger), units_(std::move(units)) {
    requests::NewRequest n;
    n.id = id;
    n.submitter_id = "u-" + enterprise;
    n.enterprise_id = enterprise;
    n.category_code = category;
    n.title = "厂区供电线路老化";
    n.description = "厂区供电线路老化，经常跳闸停电。";
    auto e = requests::Submit(n, Requester(enterprise), submitted);
    EXPECT_TRUE(e) << e.error().ToString();
    state_ = requests::Apply({}, *e);
    ledger_.Add(Contributions(Step{nullptr, &*e, &state_, {}, units_}));
  }

  void Do(Command c, const Actor& by, Instant at) {
    c.expected_version = state_.version;
    auto events = requests::Decide(state_, c, by, at);
    ASSERT_TRUE(events) << events.error().ToString();
    for (const auto& e : *events) {
      auto dues = DeadlineDues(state_, e.at);
      ASSERT_TRUE(dues) << dues.error().ToString();
      requests::Request next = requests::Apply(state_, e);
      ledger_.Add(Contributions(Step{&state_, &e, &next, *dues, units_}));
      state_ = std::move(next);
    }
  }
  // Routed to dept at `at` by the dispatcher (accepted first when still submitted).
  void Route(const std::string& dept, Instant at) {
    if (state_.status == requests::Status::kSubmitted) Do(Cmd(Action::kAccept), Dispatcher(), at);
    Do(ToDept(Action::kRoute, dept), Dispatcher(), at);
  }

  const requests::Request& state() const { return state_; }

 private:
  Ledger& ledger_;
  RequestUnits units_;
  requests::Request state_;
};

// The counters of one unit summed over days [from, to].
inline Counts Sum(const Ledger& ledger, UnitKind kind, const std::string& unit, DayKey from = 0,
                  DayKey to = 99999999) {
  Counts c;
  for (const auto& [key, counts] : ledger.buckets()) {
    if (key.kind == kind && key.unit == unit && key.day >= from && key.day <= to) c += counts;
  }
  return c;
}

}  // namespace zhitong::results::testing
