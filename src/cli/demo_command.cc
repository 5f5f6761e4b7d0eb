#include "cli/demo_command.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "access/actor.h"
#include "cli/context.h"
#include "core/clock.h"
#include "directory/demo_city.h"
#include "directory_service/demo_loader.h"
#include "liaison_service/liaison_service.h"

namespace zhitong::cli {
namespace {

void PrintLogins() {
  const auto city = directory::GenerateDemoCity();
  std::printf("  Demo logins (password for all: %s)\n", std::string(directory::kDemoPassword).c_str());
  std::printf("  %-16s %-11s %s\n", "login", "role", "acts as");
  for (const auto& u : directory::DemoUsers(city)) {
    std::printf("  %-16s %-11s %s\n", u.login.c_str(), u.role.c_str(), u.display_name.c_str());
  }
}

}  // namespace

std::function<int(const Config&)> AddDemoCommand(CLI::App& app) {
  auto print_logins = std::make_shared<bool>(false);
  auto* demo = app.add_subcommand("demo", "Load the demo city of Zibo (淄博) and one demo user per role");
  demo->add_flag("--print-logins", *print_logins, "only print the demo logins and their password");
  return [demo, print_logins](const Config& config) -> int {
    if (!demo->parsed()) return -1;
    if (*print_logins) {
      PrintLogins();
      return 0;
    }
    auto db = OpenDatabase(config);
    if (!db) return Fail(db.error());
    SystemClock clock;
    access::Actor actor;
    actor.login = "cli";
    actor.display_name = "命令行 command line";
    actor.role = access::Role::kAdmin;
    const auto start = std::chrono::steady_clock::now();
    // The first liaison plan goes in with the city, so that the demo starts fully covered.
    liaison_service::ApplyOutcome first_plan;
    auto loaded = directory_service::LoadDemoCity(**db, clock, actor, [&](storage::Tx& tx) -> Result<void> {
      ZT_ASSIGN_OR_RETURN(first_plan, liaison_service::ApplyPlanInTx(tx, actor, clock.Now(), std::nullopt));
      return Ok();
    });
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    (*db)->Close();
    if (!loaded) return Fail(loaded.error());
    if (loaded->already_loaded) {
      std::printf("The demo city is already in this database; nothing was changed. 演示数据已存在，未作任何修改。\n");
      return 0;
    }
    std::printf(
        "Loaded the demo city of Zibo in %lld ms: %d regions, %d departments, %d officials, %d enterprises "
        "(%d key), %d declared conflicts.\n已载入淄博演示数据。\n",
        static_cast<long long>(ms), loaded->regions, loaded->departments, loaded->officials, loaded->enterprises,
        loaded->key_enterprises, loaded->conflicts);
    const auto& plan = first_plan.report.plan;
    std::printf("Applied the first liaison plan: %zu assignments, %zu enterprises uncovered. 已生成联络员分配方案。\n",
                plan.assignments.size(), plan.uncovered.size());
    for (const auto& login : loaded->users_skipped) {
      std::printf("The user %s already existed and was left unchanged. 用户 %s 已存在，未修改。\n", login.c_str(),
                  login.c_str());
    }
    std::printf("Demo sign-ins: zhitong demo --print-logins 查看演示账号\n");
    return 0;
  };
}

}  // namespace zhitong::cli
