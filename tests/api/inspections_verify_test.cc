// `zhitong inspections verify`: the example plan of docs/RANDOM-INSPECTIONS.md matches; a plan
// whose seed, pool or draw was changed does not, and the first difference is named; a file that
// is not a plan is refused with status 2. (Plans published by a running server are verified in
// contacts_api_test.cc.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/process.h"

namespace zhitong::testing {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  const char* dir = std::getenv("ZHITONG_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

nlohmann::json ExamplePlan() {
  std::ifstream in(SourceDir() / "data/inspections/example-plan.json");
  return nlohmann::json::parse(in);
}

struct CliRun {
  int status = -1;
  std::string out;
};

CliRun Verify(const fs::path& file) {
  Process p({ZhitongBinary(), "inspections", "verify", file.string()});
  CliRun r;
  while (auto line = p.WaitForLine("", std::chrono::seconds(20))) r.out += *line + "\n";
  r.status = p.Wait(std::chrono::seconds(20)).value_or(-1);
  return r;
}

fs::path WriteTemp(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("zhitong-verify-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

TEST(InspectionsVerify, ExamplePlanMatches) {
  CliRun r = Verify(SourceDir() / "data/inspections/example-plan.json");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("match: 3 target(s) recomputed from seed zibo-2025-q1"), std::string::npos) << r.out;
}

TEST(InspectionsVerify, ChangedSeedOrPoolIsAMismatchNamingTheFirstDifference) {
  auto plan = ExamplePlan();
  plan["seed"] = "zibo-2025-q1x";
  CliRun r = Verify(WriteTemp("seed.json", plan.dump()));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("MISMATCH: target 1"), std::string::npos) << r.out;

  plan = ExamplePlan();
  plan["pool"].push_back({{"key", "91370309MA3L7F3456"}, {"name", "新增企业"}});
  r = Verify(WriteTemp("pool.json", plan.dump()));
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("MISMATCH"), std::string::npos) << r.out;
}

TEST(InspectionsVerify, NotAPlanIsStatusTwo) {
  EXPECT_EQ(Verify(WriteTemp("bad.json", "{\"algorithm\": ")).status, 2);
  EXPECT_EQ(Verify(WriteTemp("empty.json", "{}")).status, 2);
  EXPECT_EQ(Verify("/nonexistent/plan.json").status, 2);
}

}  // namespace
}  // namespace zhitong::testing
