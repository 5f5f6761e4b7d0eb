#include "api/server_fixture.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace zhitong::testing {

namespace fs = std::filesystem;

ServerProcess::ServerProcess(const std::string& name, std::vector<std::string> extra_args,
                             const std::string& database_url, bool add_admin)
    : extra_args_(std::move(extra_args)) {
  dir_ = fs::temp_directory_path() / ("zt_e2e_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  database_ = database_url.empty() ? "sqlite:" + (dir_ / "zhitong.db").string() : database_url;
  setenv("ZHITONG_TEST_FAST_HASH", "1", 1);
  if (!add_admin) {
    Start();
    return;
  }
  auto [rc, out] = RunCli({"user", "add", "--login", "admin", "--name", "管理员", "--role", "admin", "--password-stdin"},
                          std::string(kAdminPassword) + "\n");
  if (rc != 0) {
    std::fprintf(stderr, "could not create the admin user (exit %d): %s\n", rc, out.c_str());
    return;
  }
  Start();
}

ServerProcess::~ServerProcess() {
  if (process_) {
    process_->Signal(SIGTERM);
    process_->Wait(std::chrono::seconds(20));
  }
  process_.reset();
  fs::remove_all(dir_);
}

bool ServerProcess::Start() {
  const int port = FreePort();
  std::vector<std::string> argv = {ZhitongBinary(), "serve", "--listen", "127.0.0.1:" + std::to_string(port),
                                   "--database", database_, "--data-dir", dir_.string(), "--web-dir", ""};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  process_ = std::make_unique<Process>(argv);
  auto line = process_->WaitForLine("is serving on", std::chrono::seconds(60));
  if (!line) {
    std::fprintf(stderr, "server did not start; its log:\n%s\n", process_->Stderr().c_str());
    port_ = 0;
    return false;
  }
  port_ = PortFromServingLine(*line);
  return port_ > 0;
}

bool ServerProcess::Restart() { return Start(); }

std::pair<int, std::string> ServerProcess::RunCli(std::vector<std::string> args, const std::string& stdin_text) const {
  std::string cmd = "'" + ZhitongBinary() + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " --database '" + database_ + "'";
  const std::string input = (dir_ / "stdin.txt").string();
  {
    FILE* f = std::fopen(input.c_str(), "w");
    std::fputs(stdin_text.c_str(), f);
    std::fclose(f);
  }
  cmd += " < '" + input + "' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int st = ::pclose(p);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : 128, out};
}

std::string ServerProcess::Login(const std::string& login, const std::string& password) const {
  nlohmann::json body = {{"login", login}, {"password", password}, {"bearer", true}};
  auto r = client().PostJson("/api/v1/auth/login", body.dump());
  if (r.status != 200) return "";
  return JsonBody(r).value("token", "");
}

}  // namespace zhitong::testing
