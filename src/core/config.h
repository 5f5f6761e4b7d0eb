// Configuration of a Zhitong process: defaults, then a TOML file (--config), then ZHITONG_*
// environment variables, then command-line flags — each layer overrides the one before.
// Every setting is declared once in config.cc (key, environment name, default, help), so the
// file reader, the environment reader, the flags and the documentation cannot disagree.
// Unknown keys in the file are an error at start-up, not silently ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace zhitong {

struct Config {
  std::string listen = "127.0.0.1:8080";   // address:port the HTTP server binds
  std::string data_dir = "var";            // attachments, default SQLite file
  std::string database;                    // "" → sqlite:<data_dir>/zhitong.db
  std::string web_dir = "web/dist";        // built web app served at /
  std::string log_format = "text";         // text | json
  std::string log_level = "info";          // trace | debug | info | warn | error
  int threads = 0;                         // HTTP worker threads; 0 → 4 × cores
  int64_t max_body_bytes = 1 << 20;        // JSON bodies
  int64_t max_upload_bytes = 20 << 20;     // attachments (and import files)
  int attachments_per_request = 20;        // most files one request can carry
  int64_t max_header_bytes = 32 << 10;     // all request headers together
  int request_timeout_seconds = 30;        // reading a request and handling it, each
  int shutdown_grace_seconds = 20;         // wait for in-flight requests on SIGTERM
  bool secure_cookies = false;             // set when served behind TLS
  // 无事不扰 (src/contacts/rules.h): inspections per department per enterprise per calendar year
  // before a written justification is needed; and the high-frequency warning, given when an
  // enterprise has more than high_frequency_threshold contacts in high_frequency_days days.
  int inspection_cap_per_year = 2;
  int high_frequency_threshold = 4;
  int high_frequency_days = 30;
  // Results (docs/RESULTS.md): composite weights "response,resolution,satisfaction", the lowest
  // rating that counts as satisfied, whether unrated closures count as solved, and the distinct
  // requesters that make a hot issue alert (0: none).
  std::string results_weights = "30,35,35";
  std::string results_satisfied_from = "basically_satisfied";
  bool results_unrated_solved = false;
  int hot_issue_alert_threshold = 5;
  // Escalation (督办) and automatic closing: see src/escalation/ladder.h.
  std::string escalation_ladder = "handler:-4h,department_head:0,liaison:1d,district_leader:2d,city_leader:3d";
  int scheduler_interval_seconds = 30;     // how often the scheduler looks for due steps
  int auto_close_days = 5;                 // unrated replies close after this many days; 0: never
  std::string auto_close_day_kind = "working";  // working | calendar
  // Notifications: the worker that fills inboxes and delivers webhooks.
  int notify_interval_ms = 1000;
  int webhook_max_attempts = 8;
  int webhook_backoff_seconds = 30;        // delay before the 2nd attempt; doubles, at most 1 h
  int webhook_timeout_seconds = 10;

  // The database URL with the default applied.
  std::string DatabaseUrl() const;
  // Host and port from listen; an error when it is not "host:port".
  Result<std::pair<std::string, uint16_t>> ListenAddress() const;
};

// One setting, as the layers see it.
struct ConfigSetting {
  std::string key;        // "max_body_bytes": the TOML key and the flag name (with dashes)
  std::string env;        // "ZHITONG_MAX_BODY_BYTES"
  std::string help;       // one line, English
  std::function<std::string(const Config&)> get;
  std::function<Result<void>(Config&, const std::string&)> set;
};

const std::vector<ConfigSetting>& ConfigSettings();

// Builds a Config from the layers. toml_path may be empty (no file). env is usually the process
// environment (see EnvironmentMap); flags holds the settings given on the command line, by key.
Result<Config> LoadConfig(const std::string& toml_path, const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& flags);

// The process environment's ZHITONG_* variables.
std::map<std::string, std::string> EnvironmentMap();

// The effective configuration as TOML text (for `zhitong config` and the docs).
std::string ConfigToToml(const Config& config);

}  // namespace zhitong
