// Runs the scenario files data/requests/cases/*.tsv: behaviour tests as data, so that a case can
// be added without writing C++. Each data line is
//   request  actor  action  args  expect
// request   a name (A, B …); the first line for a name must be its submit
// actor     requester | colleague | other_enterprise | citizen | dispatcher | handler:<dept> |
//           admin | system | leader | liaison
// action    an action name (submit, accept, route …)
// args      "-" or key=value pairs separated by ";": note, dept, category, rating, upheld,
//           target (another request's name, for merge), version (override the expected
//           version), title, channel (for submit)
// expect    the status after the step, optionally followed by ";key=value" checks (department,
//           rectification, appeal, rating, voided, paused, merged_into, cohandlers, reply_count,
//           version) — or "!error.code" when the step must be refused with that code.
// Each step happens one hour after the one before.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>

#include "requests/state_machine.h"
#include "requests/test_util.h"

namespace zhitong::requests {
namespace {

using namespace testing;

std::map<std::string, std::string> SplitArgs(const std::string& text) {
  std::map<std::string, std::string> out;
  if (text == "-" || text.empty()) return out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) {
    const auto eq = item.find('=');
    out[item.substr(0, eq)] = eq == std::string::npos ? "" : item.substr(eq + 1);
  }
  return out;
}

std::optional<Actor> ActorNamed(const std::string& name) {
  if (name == "requester") return Requester();
  if (name == "colleague") return Colleague();
  if (name == "other_enterprise") return OtherEnterprise();
  if (name == "citizen") return Citizen();
  if (name == "dispatcher") return Dispatcher();
  if (name == "admin") return Admin();
  if (name == "system") return System();
  if (name == "leader") return Leader();
  if (name == "liaison") return Liaison();
  if (name.rfind("handler:", 0) == 0) return Handler(name.substr(8));
  return std::nullopt;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// The value of one checkable field of the request, as text.
std::string Field(const Request& r, const std::string& key) {
  if (key == "department") return r.handling_department.value_or("");
  if (key == "rectification") return std::string(Name(r.rectification));
  if (key == "appeal") return std::string(Name(r.appeal));
  if (key == "rating") return r.rating ? std::string(Name(r.rating->level)) : "";
  if (key == "voided") return r.rating && r.rating->voided ? "true" : "false";
  if (key == "paused") return r.paused() ? "true" : "false";
  if (key == "merged_into") return r.merged_into.value_or("");
  if (key == "cohandlers") return Join(r.cohandling_departments);
  if (key == "reply_count") return std::to_string(r.reply_count);
  if (key == "version") return std::to_string(r.version);
  ADD_FAILURE() << "unknown check key " << key;
  return "";
}

class CaseRunner {
 public:
  void Step(const std::vector<std::string>& row) {
    ASSERT_EQ(row.size(), 5u) << "expected 5 tab-separated fields";
    const std::string& name = row[0];
    const auto actor = ActorNamed(row[1]);
    ASSERT_TRUE(actor) << "unknown actor " << row[1];
    auto action = Parse<Action>(row[2]);
    ASSERT_TRUE(action) << action.error().ToString();
    const auto args = SplitArgs(row[3]);
    ++hour_;
    Result<void> outcome = Ok();
    if (*action == Action::kSubmit) {
      outcome = DoSubmit(name, *actor, args);
    } else {
      ASSERT_TRUE(requests_.contains(name)) << "request " << name << " was never submitted";
      outcome = DoCommand(name, *action, *actor, args);
    }
    Expect(name, row[4], outcome);
  }

 private:
  Result<void> DoSubmit(const std::string& name, const Actor& actor,
                        const std::map<std::string, std::string>& args) {
    NewRequest n = SampleRequest(name);
    if (actor.role == Role::kPublic) {
      n.submitter_id = actor.user_id;
      n.enterprise_id.reset();
    }
    if (args.contains("title")) n.title = args.at("title");
    if (args.contains("channel")) {
      ZT_ASSIGN_OR_RETURN(n.channel, Parse<Channel>(args.at("channel")));
    }
    ZT_ASSIGN_OR_RETURN(Event e, Submit(n, actor, At(hour_)));
    requests_[name] = Apply(Request{}, e);
    return Ok();
  }

  Result<void> DoCommand(const std::string& name, Action action, const Actor& actor,
                         const std::map<std::string, std::string>& args) {
    Request& r = requests_[name];
    Command c;
    c.action = action;
    c.expected_version = args.contains("version") ? std::stoll(args.at("version")) : r.version;
    if (args.contains("note")) c.note = args.at("note");
    if (args.contains("dept")) c.department = args.at("dept");
    if (args.contains("category")) c.category_code = args.at("category");
    if (args.contains("rating")) {
      ZT_ASSIGN_OR_RETURN(c.rating, Parse<RatingLevel>(args.at("rating")));
    }
    if (args.contains("upheld")) c.upheld = args.at("upheld") == "true";
    if (args.contains("target")) {
      const Request& t = requests_[args.at("target")];
      c.merge_target = MergeTarget{t.id, t.status, t.submitted_at};
    }
    ZT_ASSIGN_OR_RETURN(auto events, Decide(r, c, actor, At(hour_)));
    for (const Event& e : events) r = Apply(std::move(r), e);
    return Ok();
  }

  void Expect(const std::string& name, const std::string& expect, const Result<void>& outcome) {
    if (!expect.empty() && expect[0] == '!') {
      ASSERT_FALSE(outcome) << "expected refusal " << expect;
      EXPECT_EQ(outcome.error().code, expect.substr(1));
      return;
    }
    ASSERT_TRUE(outcome) << outcome.error().ToString();
    const auto semi = expect.find(';');
    const Request& r = requests_[name];
    EXPECT_EQ(Name(r.status), expect.substr(0, semi));
    if (semi == std::string::npos) return;
    for (const auto& [key, want] : SplitArgs(expect.substr(semi + 1))) {
      EXPECT_EQ(Field(r, key), want) << "check " << key;
    }
  }

  int hour_ = 0;
  std::map<std::string, Request> requests_;
};

TEST(Cases, EveryScenarioFileRunsAsWritten) {
  const std::filesystem::path dir = SourcePath("data/requests/cases");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    CaseRunner runner;
    int line = 0;
    for (const auto& row : ReadTsv(file.string())) {
      ++line;
      SCOPED_TRACE(file.filename().string() + " data line " + std::to_string(line) + ": " +
                   (row.size() > 2 ? row[0] + " " + row[1] + " " + row[2] : ""));
      runner.Step(row);
      if (::testing::Test::HasFatalFailure()) break;
    }
  }
}

}  // namespace
}  // namespace zhitong::requests
