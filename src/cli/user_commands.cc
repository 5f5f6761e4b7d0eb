#include "cli/user_commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "access/actor.h"
#include "access/users.h"
#include "cli/context.h"
#include "core/clock.h"

namespace zhitong::cli {
namespace {

access::Actor CliActor() {
  access::Actor a;
  a.user_id = 0;
  a.login = "cli";
  a.display_name = "命令行 command line";
  a.role = access::Role::kAdmin;
  return a;
}

struct Options {
  std::string login, name, role, password, scopes = "read,write";
  bool password_stdin = false;
  int64_t official_id = 0, department_id = 0, enterprise_id = 0, key_id = 0;
};

// The password from --password-stdin (one line), --password, or ZHITONG_PASSWORD.
Result<std::string> ReadPassword(const Options& o) {
  if (o.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!o.password.empty()) return o.password;
  if (const char* env = std::getenv("ZHITONG_PASSWORD")) return std::string(env);
  return Error::Invalid("cli.password_required", "give the password with --password-stdin (or ZHITONG_PASSWORD)",
                        "请通过 --password-stdin（或环境变量 ZHITONG_PASSWORD）提供密码");
}

template <class F>
int WithUsers(const Config& config, F fn) {
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  access::Users users(**db, clock);
  const int rc = fn(users);
  (*db)->Close();
  return rc;
}

}  // namespace

std::function<int(const Config&)> AddUserCommands(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create a user");
  add->add_option("--login", o->login, "login (3–64 of a-z 0-9 . _ -)")->required();
  add->add_option("--name", o->name, "display name")->required();
  add->add_option("--role", o->role, "admin, leader, dispatcher, liaison, handler, enterprise or public")->required();
  add->add_option("--official-id", o->official_id, "the official a leader or liaison acts for");
  add->add_option("--department-id", o->department_id, "the department a handler acts for");
  add->add_option("--enterprise-id", o->enterprise_id, "the enterprise an enterprise user acts for");
  for (auto* cmd : {add}) {
    cmd->add_flag("--password-stdin", o->password_stdin, "read the password from standard input");
    cmd->add_option("--password", o->password, "the password (prefer --password-stdin: arguments are visible)");
  }
  auto* passwd = user->add_subcommand("passwd", "Set a user's password (ends their sessions)");
  passwd->add_option("login", o->login, "login")->required();
  passwd->add_flag("--password-stdin", o->password_stdin, "read the password from standard input");
  passwd->add_option("--password", o->password, "the password (prefer --password-stdin)");
  auto* disable = user->add_subcommand("disable", "Disable a user (ends their sessions and API keys)");
  disable->add_option("login", o->login, "login")->required();
  auto* enable = user->add_subcommand("enable", "Enable a disabled user");
  enable->add_option("login", o->login, "login")->required();
  auto* list = user->add_subcommand("list", "List users");

  auto* apikey = app.add_subcommand("apikey", "Manage API keys for programs");
  apikey->require_subcommand(1);
  auto* kcreate = apikey->add_subcommand("create", "Create an API key; prints the key once, alone on stdout");
  kcreate->add_option("--login", o->login, "the user the key acts as")->required();
  kcreate->add_option("--name", o->name, "what the key is for")->required();
  kcreate->add_option("--scopes", o->scopes, "read,write or read")->capture_default_str();
  auto* klist = apikey->add_subcommand("list", "List API keys (never the keys themselves)");
  klist->add_option("--login", o->login, "only this user's keys");
  auto* krevoke = apikey->add_subcommand("revoke", "Revoke an API key");
  krevoke->add_option("id", o->key_id, "key id (from apikey list)")->required();

  return [=](const Config& config) -> int {
    const access::Actor actor = CliActor();
    if (add->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        auto role = access::ParseRole(o->role);
        if (!role) return Fail(role.error());
        auto pw = ReadPassword(*o);
        if (!pw) return Fail(pw.error());
        access::NewUser u{o->login, o->name, *role, *pw, std::nullopt, std::nullopt, std::nullopt};
        if (o->official_id) u.official_id = o->official_id;
        if (o->department_id) u.department_id = o->department_id;
        if (o->enterprise_id) u.enterprise_id = o->enterprise_id;
        auto created = users.Create(actor, u);
        if (!created) return Fail(created.error());
        std::printf("created user %s (id %lld, %s)\n", created->login.c_str(), static_cast<long long>(created->id),
                    std::string(access::RoleName(created->role)).c_str());
        return 0;
      });
    }
    if (passwd->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        auto pw = ReadPassword(*o);
        if (!pw) return Fail(pw.error());
        if (auto st = users.SetPassword(actor, o->login, *pw, std::nullopt); !st) return Fail(st.error());
        std::printf("password of %s changed; their sessions have ended\n", o->login.c_str());
        return 0;
      });
    }
    if (disable->parsed() || enable->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        auto u = users.SetDisabled(actor, o->login, disable->parsed());
        if (!u) return Fail(u.error());
        std::printf("%s is now %s\n", u->login.c_str(), u->disabled ? "disabled" : "enabled");
        return 0;
      });
    }
    if (list->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        auto all = users.List(actor, {.limit = 1000000});
        if (!all) return Fail(all.error());
        std::printf("%-6s %-24s %-12s %-8s %s\n", "id", "login", "role", "state", "name");
        for (const auto& u : all->items) {
          std::printf("%-6lld %-24s %-12s %-8s %s\n", static_cast<long long>(u.id), u.login.c_str(),
                      std::string(access::RoleName(u.role)).c_str(), u.disabled ? "disabled" : "active",
                      u.display_name.c_str());
        }
        return 0;
      });
    }
    if (kcreate->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        std::vector<std::string> scopes;
        for (size_t start = 0; start <= o->scopes.size();) {
          size_t comma = o->scopes.find(',', start);
          if (comma == std::string::npos) comma = o->scopes.size();
          if (comma > start) scopes.push_back(o->scopes.substr(start, comma - start));
          start = comma + 1;
        }
        auto key = users.CreateApiKey(actor, o->login, o->name, scopes, std::nullopt);
        if (!key) return Fail(key.error());
        std::fprintf(stderr, "API key %lld for %s (%s); store it now, it is not shown again:\n",
                     static_cast<long long>(key->key.id), key->key.user_login.c_str(), o->scopes.c_str());
        std::printf("%s\n", key->secret.c_str());
        return 0;
      });
    }
    if (klist->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        std::optional<std::string> login;
        if (!o->login.empty()) login = o->login;
        auto keys = users.ListApiKeys(actor, login);
        if (!keys) return Fail(keys.error());
        std::printf("%-6s %-12s %-20s %-12s %-8s %s\n", "id", "prefix", "user", "scopes", "state", "name");
        for (const auto& k : *keys) {
          std::string scopes;
          for (const auto& s : k.scopes) scopes += (scopes.empty() ? "" : ",") + s;
          std::printf("%-6lld %-12s %-20s %-12s %-8s %s\n", static_cast<long long>(k.id), k.prefix.c_str(),
                      k.user_login.c_str(), scopes.c_str(), k.revoked_at ? "revoked" : "active", k.name.c_str());
        }
        return 0;
      });
    }
    if (krevoke->parsed()) {
      return WithUsers(config, [&](access::Users& users) {
        if (auto st = users.RevokeApiKey(actor, o->key_id); !st) return Fail(st.error());
        std::printf("API key %lld revoked\n", static_cast<long long>(o->key_id));
        return 0;
      });
    }
    return -1;
  };
}

}  // namespace zhitong::cli
