#include "cli/audit_commands.h"

#include <cstdio>

#include "cli/context.h"
#include "requests_service/chain_audit.h"

namespace zhitong::cli {
namespace {

int RunVerify(const Config& config) {
  auto db = OpenDatabase(config);
  if (!db) {
    Fail(db.error());
    return 2;
  }
  auto report = requests_service::VerifyAllChains(**db);
  (*db)->Close();
  if (!report) {
    Fail(report.error());
    return 2;
  }
  if (const auto& b = report->first_break) {
    std::printf(
        "BROKEN: request %lld, event seq %lld: %s\n  expected: %s\n  found:    %s\n"
        "时间线被篡改：诉求 %lld，第 %lld 号事件：%s\n",
        static_cast<long long>(b->request_id), static_cast<long long>(b->seq), b->what.c_str(), b->expected.c_str(),
        b->found.c_str(), static_cast<long long>(b->request_id), static_cast<long long>(b->seq), b->what_zh.c_str());
    std::printf("checked %lld request(s) and %lld event(s) before stopping\n",
                static_cast<long long>(report->requests), static_cast<long long>(report->events));
    return 1;
  }
  std::printf("intact: %lld request(s), %lld event(s), every hash chain verified\n完好：已校验 %lld 条诉求的 %lld 个事件\n",
              static_cast<long long>(report->requests), static_cast<long long>(report->events),
              static_cast<long long>(report->requests), static_cast<long long>(report->events));
  return 0;
}

}  // namespace

std::function<int(const Config&)> AddAuditCommands(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "Tamper evidence of the request timelines");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify",
      "Check the hash chain of every request's timeline and that each request agrees with its last event; name "
      "the first broken link. Exit 0 when intact, 1 when broken, 2 when the check could not run");
  return [verify](const Config& config) -> int {
    if (verify->parsed()) return RunVerify(config);
    return -1;
  };
}

}  // namespace zhitong::cli
