#include "cli/liaison_commands.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "access/actor.h"
#include "cli/context.h"
#include "core/clock.h"
#include "liaison_service/coverage_export.h"
#include "liaison_service/json.h"
#include "liaison_service/liaison_service.h"

namespace zhitong::cli {
namespace {

namespace ls = liaison_service;

struct Options {
  bool dry_run = false;
  bool apply = false;
  bool json = false;
  std::string digest;
  std::string format = "text";
  std::string output;
  int stale_days = 90;
};

access::Actor CliActor() {
  access::Actor a;
  a.login = "cli";
  a.display_name = "命令行 command line";
  a.role = access::Role::kAdmin;
  return a;
}

int RunAssign(const Config& config, const Options& o) {
  if (o.dry_run == o.apply) {
    return Fail(Error::Invalid("cli.assign_mode", "give exactly one of --dry-run and --apply",
                               "须指定 --dry-run 或 --apply 之一"));
  }
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  ls::LiaisonService liaison(**db, clock);
  if (o.dry_run) {
    auto report = liaison.Plan(CliActor());
    (*db)->Close();
    if (!report) return Fail(report.error());
    if (o.json) {
      std::printf("%s\n", ls::ToJson(*report).dump(2).c_str());
    } else {
      std::fputs(ls::PlanText(*report).c_str(), stdout);
      std::printf("试运行，未写入 Dry run: nothing was written. Apply exactly this plan with: zhitong assign --apply "
                  "--digest %s\n", report->digest.c_str());
    }
    return 0;
  }
  std::optional<std::string> digest;
  if (!o.digest.empty()) digest = o.digest;
  auto outcome = liaison.Apply(CliActor(), digest);
  (*db)->Close();
  if (!outcome) return Fail(outcome.error());
  if (o.json) {
    std::printf("%s\n", ls::ToJson(*outcome).dump(2).c_str());
    return 0;
  }
  std::fputs(ls::PlanText(outcome->report).c_str(), stdout);
  if (outcome->changed) {
    std::printf("已应用方案 %lld。Applied as plan %lld, in one transaction.\n", static_cast<long long>(outcome->plan_id),
                static_cast<long long>(outcome->plan_id));
  } else {
    std::printf("无需变动，未写入。Nothing to change; nothing was written.\n");
  }
  return 0;
}

int RunCoverage(const Config& config, const Options& o) {
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  ls::LiaisonService liaison(**db, clock);
  ls::CoverageOptions options;
  options.stale_days = o.stale_days;
  options.not_contacted_limit = 0;
  auto report = liaison.Coverage(CliActor(), options);
  (*db)->Close();
  if (!report) return Fail(report.error());
  std::string bytes;
  if (o.format == "text") {
    bytes = ls::CoverageText(*report);
  } else if (o.format == "json") {
    bytes = ls::ToJson(*report).dump(2) + "\n";
  } else if (o.format == "csv") {
    bytes = ls::CoverageCsv(*report);
  } else {
    auto xlsx = ls::CoverageXlsx(*report);
    if (!xlsx) return Fail(xlsx.error());
    bytes = std::move(*xlsx);
  }
  if (o.output.empty()) {
    if (o.format == "xlsx") {
      return Fail(Error::Invalid("cli.output_required", "--format xlsx needs --output FILE",
                                 "--format xlsx 须同时指定 --output 文件"));
    }
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return 0;
  }
  std::ofstream out(o.output, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return Fail(Error::Internal("cli.write", "cannot write " + o.output, "无法写入 " + o.output));
  std::printf("Wrote the coverage report to %s. 已导出覆盖情况报表。\n", o.output.c_str());
  return 0;
}

}  // namespace

std::function<int(const Config&)> AddLiaisonCommands(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* assign = app.add_subcommand("assign", "Plan liaison assignments (联络员分配) and show or apply the plan");
  assign->add_flag("--dry-run", o->dry_run, "print the plan as a diff; write nothing");
  assign->add_flag("--apply", o->apply, "apply the plan in one audited transaction");
  assign->add_option("--digest", o->digest,
                     "with --apply: apply only if the plan is still the one with this digest (from --dry-run)");
  assign->add_flag("--json", o->json, "print JSON (as the API's POST /api/v1/liaison/plan) instead of a table");
  auto* coverage = app.add_subcommand("coverage", "Print or export the liaison coverage report (联络覆盖情况)");
  coverage->add_option("--format", o->format, "text (default), json, csv or xlsx")
      ->check(CLI::IsMember({"text", "json", "csv", "xlsx"}));
  coverage->add_option("--output", o->output, "write to this file instead of stdout (required for xlsx)");
  coverage->add_option("--stale-days", o->stale_days, "list enterprises not contacted for more than N days")
      ->check(CLI::Range(1, 3650));
  return [assign, coverage, o](const Config& config) -> int {
    if (assign->parsed()) return RunAssign(config, *o);
    if (coverage->parsed()) return RunCoverage(config, *o);
    return -1;
  };
}

}  // namespace zhitong::cli
