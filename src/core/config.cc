#include "core/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <sstream>

#include <toml++/toml.h>

extern char** environ;

namespace zhitong {
namespace {

Error BadValue(const std::string& key, const std::string& value, const std::string& expected) {
  return Error::Invalid("config.invalid_value",
                        fmt::format("setting '{}' = '{}' is invalid: expected {}", key, value, expected),
                        fmt::format("配置项 {} 的值“{}”无效：应为{}", key, value, expected));
}

Result<int64_t> ParseInt(const std::string& key, const std::string& v, int64_t lo, int64_t hi) {
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < lo || out > hi) {
    return BadValue(key, v, fmt::format("an integer from {} to {}", lo, hi));
  }
  return out;
}

template <class T>
ConfigSetting IntSetting(std::string key, std::string help, T Config::*field, int64_t lo, int64_t hi) {
  std::string k = key;
  return {key, "", std::move(help),
          [field](const Config& c) { return std::to_string(c.*field); },
          [field, k, lo, hi](Config& c, const std::string& v) -> Result<void> {
            ZT_ASSIGN_OR_RETURN(int64_t n, ParseInt(k, v, lo, hi));
            c.*field = static_cast<T>(n);
            return Ok();
          }};
}

ConfigSetting StringSetting(std::string key, std::string help, std::string Config::*field,
                            std::vector<std::string> allowed = {}) {
  std::string k = key;
  return {key, "", std::move(help), [field](const Config& c) { return c.*field; },
          [field, k, allowed](Config& c, const std::string& v) -> Result<void> {
            if (!allowed.empty()) {
              bool ok = false;
              for (const auto& a : allowed) ok = ok || a == v;
              if (!ok) {
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : " | ") + a;
                return BadValue(k, v, list);
              }
            }
            c.*field = v;
            return Ok();
          }};
}

ConfigSetting BoolSetting(std::string key, std::string help, bool Config::*field) {
  std::string k = key;
  return {key, "", std::move(help), [field](const Config& c) { return c.*field ? "true" : "false"; },
          [field, k](Config& c, const std::string& v) -> Result<void> {
            if (v == "true" || v == "1" || v == "yes") c.*field = true;
            else if (v == "false" || v == "0" || v == "no") c.*field = false;
            else return BadValue(k, v, "true or false");
            return Ok();
          }};
}

std::vector<ConfigSetting> MakeSettings() {
  std::vector<ConfigSetting> s = {
      StringSetting("listen", "address and port to serve HTTP on", &Config::listen),
      StringSetting("data_dir", "folder for attachments and the default SQLite database", &Config::data_dir),
      StringSetting("database",
                    "database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB",
                    &Config::database),
      StringSetting("web_dir", "folder of the built web app, served at /", &Config::web_dir),
      StringSetting("log_format", "access and event log format", &Config::log_format, {"text", "json"}),
      StringSetting("log_level", "least severe log level written", &Config::log_level,
                    {"trace", "debug", "info", "warn", "error"}),
      IntSetting("threads", "HTTP worker threads (0: four per core)", &Config::threads, 0, 1024),
      IntSetting("max_body_bytes", "largest JSON or form request body accepted", &Config::max_body_bytes,
                 1024, int64_t{64} << 20),
      IntSetting("max_upload_bytes", "largest attachment accepted", &Config::max_upload_bytes, 1024,
                 int64_t{60} << 20),
      IntSetting("attachments_per_request", "most files attached to one request",
                 &Config::attachments_per_request, 1, 1000),
      IntSetting("max_header_bytes", "largest total size of request headers accepted",
                 &Config::max_header_bytes, 1024, int64_t{60} << 10),
      IntSetting("request_timeout_seconds", "time allowed to read a request, and to handle it",
                 &Config::request_timeout_seconds, 1, 3600),
      IntSetting("shutdown_grace_seconds", "on SIGTERM, how long to wait for requests in flight",
                 &Config::shutdown_grace_seconds, 0, 600),
      BoolSetting("secure_cookies", "mark session cookies Secure (when served behind TLS)",
                  &Config::secure_cookies),
      IntSetting("inspection_cap_per_year",
                 "inspections of one enterprise by one department per calendar year before a justification is needed",
                 &Config::inspection_cap_per_year, 1, 100),
      IntSetting("high_frequency_threshold",
                 "contacts with one enterprise within high_frequency_days above which a warning is flagged",
                 &Config::high_frequency_threshold, 1, 1000),
      IntSetting("high_frequency_days", "the window of the high-frequency warning, in days",
                 &Config::high_frequency_days, 1, 366),
      StringSetting("results_weights", "composite score weights: response,resolution,satisfaction",
                    &Config::results_weights),
      StringSetting("results_satisfied_from", "lowest rating that counts as satisfied",
                    &Config::results_satisfied_from, {"very_satisfied", "satisfied", "basically_satisfied"}),
      BoolSetting("results_unrated_solved", "count closures without a rating as solved",
                  &Config::results_unrated_solved),
      IntSetting("hot_issue_alert_threshold", "distinct requesters that make a hot issue alert (0: off)",
                 &Config::hot_issue_alert_threshold, 0, 1000000),
      StringSetting("escalation_ladder",
                    "escalation ladder: level:offset from the due time in working time (-4h before, 0, 1d after …); "
                    "empty: no escalation",
                    &Config::escalation_ladder),
      IntSetting("scheduler_interval_seconds", "how often the scheduler looks for escalations and auto-closes",
                 &Config::scheduler_interval_seconds, 1, 3600),
      IntSetting("auto_close_days", "close a reply left unrated for this many days (0: never)",
                 &Config::auto_close_days, 0, 365),
      StringSetting("auto_close_day_kind", "whether auto_close_days counts working or calendar days",
                    &Config::auto_close_day_kind, {"working", "calendar"}),
      IntSetting("notify_interval_ms", "how often the notification worker fills inboxes and sends webhooks",
                 &Config::notify_interval_ms, 50, 60000),
      IntSetting("webhook_max_attempts", "attempts of a webhook delivery before it is dead-lettered",
                 &Config::webhook_max_attempts, 1, 100),
      IntSetting("webhook_backoff_seconds", "delay before a webhook's second attempt; doubles each time, at most 1 h",
                 &Config::webhook_backoff_seconds, 1, 3600),
      IntSetting("webhook_timeout_seconds", "time allowed for one webhook POST", &Config::webhook_timeout_seconds,
                 1, 300),
  };
  for (auto& setting : s) {
    std::string env = "ZHITONG_";
    for (char ch : setting.key) env += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    setting.env = env;
  }
  return s;
}

}  // namespace

std::string Config::DatabaseUrl() const {
  if (!database.empty()) return database;
  return "sqlite:" + data_dir + "/zhitong.db";
}

Result<std::pair<std::string, uint16_t>> Config::ListenAddress() const {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return BadValue("listen", listen, "host:port, e.g. 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = ParseInt("listen", listen.substr(colon + 1), 0, 65535);
  if (!port) return BadValue("listen", listen, "host:port with a port from 0 to 65535");
  return std::make_pair(host, static_cast<uint16_t>(*port));
}

const std::vector<ConfigSetting>& ConfigSettings() {
  static const std::vector<ConfigSetting> settings = MakeSettings();
  return settings;
}

Result<Config> LoadConfig(const std::string& toml_path, const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& flags) {
  Config config;
  const auto& settings = ConfigSettings();
  auto find = [&](const std::string& key) -> const ConfigSetting* {
    for (const auto& s : settings) {
      if (s.key == key) return &s;
    }
    return nullptr;
  };

  if (!toml_path.empty()) {
    toml::table parsed;
    try {
      parsed = toml::parse_file(toml_path);
    } catch (const toml::parse_error& err) {  // toml++ reports parse errors by exception
      return Error::Invalid(
          "config.file_malformed",
          fmt::format("{}:{}:{}: {}", toml_path, err.source().begin.line, err.source().begin.column,
                      err.description()),
          fmt::format("配置文件 {} 第 {} 行第 {} 列有误：{}", toml_path, err.source().begin.line,
                      err.source().begin.column, err.description()));
    }
    for (const auto& [k, node] : parsed) {
      const std::string key(k.str());
      const ConfigSetting* s = find(key);
      if (!s) {
        return Error::Invalid("config.unknown_key",
                              fmt::format("{}: unknown setting '{}'", toml_path, key),
                              fmt::format("配置文件 {} 中有未知配置项“{}”", toml_path, key));
      }
      std::string value;
      if (auto str = node.value<std::string>(); str && node.is_string()) value = *str;
      else if (node.is_integer()) value = std::to_string(*node.value<int64_t>());
      else if (node.is_boolean()) value = *node.value<bool>() ? "true" : "false";
      else return BadValue(key, "(table or array)", "a string, an integer or a boolean");
      ZT_TRY(s->set(config, value));
    }
  }
  for (const auto& s : settings) {
    if (auto it = env.find(s.env); it != env.end()) ZT_TRY(s.set(config, it->second));
  }
  for (const auto& [key, value] : flags) {
    const ConfigSetting* s = find(key);
    if (!s) {
      return Error::Invalid("config.unknown_key", fmt::format("unknown setting '{}'", key),
                            fmt::format("未知配置项“{}”", key));
    }
    ZT_TRY(s->set(config, value));
  }
  return config;
}

std::map<std::string, std::string> EnvironmentMap() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    if (kv.rfind("ZHITONG_", 0) != 0) continue;
    const auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return out;
}

std::string ConfigToToml(const Config& config) {
  std::ostringstream out;
  for (const auto& s : ConfigSettings()) {
    out << "# " << s.help << " (env " << s.env << ")\n";
    const std::string v = s.get(config);
    const bool bare = v == "true" || v == "false" ||
                      (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }));
    out << s.key << " = ";
    if (bare) out << v;
    else out << toml::value<std::string>(v);
    out << "\n";
  }
  return out.str();
}

}  // namespace zhitong
