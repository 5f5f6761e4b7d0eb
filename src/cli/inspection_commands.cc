#include "cli/inspection_commands.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "contacts/plan_check.h"

namespace zhitong::cli {
namespace {

int RunVerify(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(Error::Invalid("input.unreadable", "cannot read " + path, "无法读取文件 " + path));
  }
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Fail(Error::Invalid("json.malformed", path + " is not valid JSON", path + " 不是有效的 JSON"));
  }
  auto plan = contacts::ParsePublishedPlan(json);
  if (!plan) return Fail(plan.error());
  auto report = contacts::VerifyPublishedPlan(*plan);
  if (!report) return Fail(report.error());
  if (!report->match) {
    std::printf("MISMATCH: %s\n不一致：%s\n", report->difference.c_str(), report->difference_zh.c_str());
    return 1;
  }
  std::printf("match: %zu target(s) recomputed from seed %s with %s\n一致：由公布的种子重算出的 %zu 个检查对象与公布结果相同\n",
              report->recomputed.targets.size(), plan->input.seed.c_str(), plan->algorithm.c_str(),
              report->recomputed.targets.size());
  return 0;
}

}  // namespace

std::function<int(const Config&)> AddInspectionCommands(CLI::App& app) {
  auto* inspections = app.add_subcommand("inspections", "Random joint inspections (双随机、一公开)");
  inspections->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  auto* verify = inspections->add_subcommand(
      "verify",
      "Recompute a published inspection plan from its seed and pools (docs/RANDOM-INSPECTIONS.md) and compare it "
      "with the published draw: exit 0 on a match, 1 on a mismatch, 2 on an unreadable plan");
  verify->add_option("plan", *path, "the plan as JSON, e.g. saved from GET /api/v1/public/inspection-plans/{id}")
      ->required();
  return [verify, path](const Config&) -> int {
    if (verify->parsed()) return RunVerify(*path);
    return -1;
  };
}

}  // namespace zhitong::cli
