#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <string>

#include "cli/audit_commands.h"
#include "cli/context.h"
#include "cli/demo_command.h"
#include "cli/directory_commands.h"
#include "cli/inspection_commands.h"
#include "cli/results_commands.h"
#include "cli/liaison_commands.h"
#include "cli/serve_command.h"
#include "cli/user_commands.h"
#include "core/config.h"
#include "core/logging.h"
#include "core/version.h"

namespace zhitong::cli {
namespace {

std::string FlagName(const std::string& key) {
  std::string flag = "--";
  for (char c : key) flag += c == '_' ? '-' : c;
  return flag;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{
      "Zhitong 直通 — the government–enterprise direct line.\n"
      "Settings come from defaults, then --config FILE (TOML), then ZHITONG_* environment variables, "
      "then these flags.",
      "zhitong"};
  app.set_version_flag("--version", std::string("zhitong ") + kVersion);
  app.require_subcommand(1);
  app.fallthrough();

  std::string config_path;
  app.add_option("--config", config_path, "TOML file of settings (unknown keys are an error)")
      ->envname("ZHITONG_CONFIG")
      ->check(CLI::ExistingFile);
  std::map<std::string, std::string> flag_values;
  std::map<std::string, CLI::Option*> flag_options;
  for (const auto& s : ConfigSettings()) {
    Config defaults;
    flag_options[s.key] =
        app.add_option(FlagName(s.key), flag_values[s.key],
                       fmt::format("{} [default: {}] (env {})", s.help,
                                   s.key == "database" ? "sqlite:<data-dir>/zhitong.db" : s.get(defaults), s.env))
            ->group("Settings");
  }

  auto* serve = app.add_subcommand("serve", "Run the HTTP server (API, Open311, web app) until SIGINT/SIGTERM");
  auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations and print the schema version");
  auto* config_cmd = app.add_subcommand("config", "Print the effective settings as TOML");
  auto run_user_commands = AddUserCommands(app);
  auto run_demo_command = AddDemoCommand(app);
  auto run_directory_commands = AddDirectoryCommands(app);
  auto run_inspection_commands = AddInspectionCommands(app);
  auto run_results_commands = AddResultsCommands(app);
  auto run_liaison_commands = AddLiaisonCommands(app);
  auto run_audit_commands = AddAuditCommands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  std::map<std::string, std::string> flags;
  for (const auto& [key, option] : flag_options) {
    if (option->count() > 0) flags[key] = flag_values[key];
  }
  auto config = LoadConfig(config_path, EnvironmentMap(), flags);
  if (!config) return Fail(config.error());
  SetUpLogging(config->log_format, config->log_level);

  if (serve->parsed()) return RunServe(*config);
  if (config_cmd->parsed()) {
    std::fputs(ConfigToToml(*config).c_str(), stdout);
    return 0;
  }
  if (const int rc = run_user_commands(*config); rc >= 0) return rc;
  if (const int rc = run_demo_command(*config); rc >= 0) return rc;
  if (const int rc = run_directory_commands(*config); rc >= 0) return rc;
  if (const int rc = run_inspection_commands(*config); rc >= 0) return rc;
  if (const int rc = run_results_commands(*config); rc >= 0) return rc;
  if (const int rc = run_liaison_commands(*config); rc >= 0) return rc;
  if (const int rc = run_audit_commands(*config); rc >= 0) return rc;
  if (migrate->parsed()) {
    auto db = OpenDatabase(*config);
    if (!db) return Fail(db.error());
    auto version = (*db)->SchemaVersion();
    if (!version) return Fail(version.error());
    std::printf("schema version %d\n", *version);
    (*db)->Close();
    return 0;
  }
  return 0;
}

}  // namespace zhitong::cli
