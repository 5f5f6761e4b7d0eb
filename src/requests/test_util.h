// Helpers shared by the requests tests (header-only, so it stays out of the library): the cast of
// actors, fixed instants, and a Timeline that submits and runs commands the way the application
// service will.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "requests/state_machine.h"

namespace zhitong::requests::testing {

// 2025-03-03T09:00:00+08:00 (a Monday) plus hours.
inline Instant At(int hours) {
  return FromUnixMillis(1740963600000) + std::chrono::hours(hours);
}

inline Actor Requester() { return {"u-req", Role::kEnterprise, std::nullopt, "e-1"}; }
inline Actor Colleague() { return {"u-colleague", Role::kEnterprise, std::nullopt, "e-1"}; }
inline Actor OtherEnterprise() { return {"u-other", Role::kEnterprise, std::nullopt, "e-2"}; }
inline Actor Citizen() { return {"u-cit", Role::kPublic, std::nullopt, std::nullopt}; }
inline Actor Dispatcher() { return {"u-disp", Role::kDispatcher, std::nullopt, std::nullopt}; }
inline Actor Handler(const std::string& dept = "gxj") {
  return {"u-h-" + dept, Role::kHandler, dept, std::nullopt};
}
inline Actor Admin() { return {"u-admin", Role::kAdmin, std::nullopt, std::nullopt}; }
inline Actor System() { return {"system", Role::kSystem, std::nullopt, std::nullopt}; }
inline Actor Leader() { return {"u-leader", Role::kLeader, std::nullopt, std::nullopt}; }
inline Actor Liaison() { return {"u-liaison", Role::kLiaison, std::nullopt, std::nullopt}; }

inline NewRequest SampleRequest(const std::string& id = "R-1") {
  NewRequest n;
  n.id = id;
  n.submitter_id = "u-req";
  n.enterprise_id = "e-1";
  n.channel = Channel::kWeb;
  n.kind = Kind::kProblem;
  n.category_code = "power";
  n.title = "厂区供电线路老化";
  n.description = "厂区供电线路老化，经常跳闸停电，影响生产。";
  n.liaison_id = "o-7";
  return n;
}

inline Command Cmd(Action a, std::string note = "") {
  Command c;
  c.action = a;
  c.note = std::move(note);
  return c;
}

inline Command WithDept(Action a, const std::string& dept, std::string note = "") {
  Command c = Cmd(a, std::move(note));
  c.department = dept;
  return c;
}

inline Command WithRating(Action a, RatingLevel level, std::string note = "") {
  Command c = Cmd(a, std::move(note));
  c.rating = level;
  return c;
}

inline Command Decision(bool upheld) {
  Command c = Cmd(Action::kDecideAppeal, "经核查");
  c.upheld = upheld;
  return c;
}

// A file of the source tree (tests run from the source root, with ZHITONG_SOURCE_DIR set).
inline std::string SourcePath(const std::string& relative) {
  const char* root = std::getenv("ZHITONG_SOURCE_DIR");
  return std::string(root ? root : ".") + "/" + relative;
}

// The data lines of a TSV file: comments (#) and blank lines skipped, fields split on tabs.
inline std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

// One request's timeline and state, advanced one hour per step.
class Timeline {
 public:
  explicit Timeline(const NewRequest& n = SampleRequest(), const Actor& by = Requester(),
                    int start_hour = 0)
      : hour_(start_hour) {
    auto e = Submit(n, by, At(hour_));
    EXPECT_TRUE(e) << e.error().ToString();
    if (e) Add(*e);
  }

  // Runs the command at the current version; on success appends the events.
  Result<void> Do(Command c, const Actor& by) {
    c.expected_version = state_.version;
    ZT_ASSIGN_OR_RETURN(auto events, Decide(state_, c, by, At(hour_ + 1)));
    ++hour_;  // only a step that happened takes time
    for (const auto& e : events) Add(e);
    return Ok();
  }

  // Runs the command and fails the test when it is refused.
  void Must(Command c, const Actor& by) {
    auto r = Do(std::move(c), by);
    ASSERT_TRUE(r) << r.error().ToString();
  }

  const Request& state() const { return state_; }
  const std::vector<Event>& events() const { return events_; }
  int hour() const { return hour_; }

 private:
  void Add(const Event& e) {
    events_.push_back(e);
    state_ = Apply(std::move(state_), e);
  }

  int hour_;
  Request state_;
  std::vector<Event> events_;
};

}  // namespace zhitong::requests::testing
