#include "core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

namespace zhitong {
namespace {

// %* in a JSON pattern: the message as JSON string content (quotes and controls escaped).
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    for (char c : std::string_view(msg.payload.data(), msg.payload.size())) {
      switch (c) {
        case '"': dest.append(std::string_view("\\\"")); break;
        case '\\': dest.append(std::string_view("\\\\")); break;
        case '\n': dest.append(std::string_view("\\n")); break;
        case '\r': dest.append(std::string_view("\\r")); break;
        case '\t': dest.append(std::string_view("\\t")); break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            dest.append(std::string_view(buf));
          } else {
            dest.push_back(c);
          }
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};

std::shared_ptr<spdlog::logger>& AccessLogger() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

}  // namespace

void SetUpLogging(const std::string& format, const std::string& level) {
  // One sink each: a logger's pattern is set on its sinks, so a shared sink would take the last
  // pattern for both loggers. Both write whole lines to stderr (stdio locks the stream).
  auto main = std::make_shared<spdlog::logger>("zhitong", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  auto access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (format == "json") {
    auto f = std::make_unique<spdlog::pattern_formatter>();
    f->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","msg":"%*"})");
    main->set_formatter(std::move(f));
    access->set_pattern("%v");
  } else {
    main->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
    access->set_pattern("%Y-%m-%d %H:%M:%S.%e access %v");
  }
  main->set_level(spdlog::level::from_str(level));
  // The access log is at info: a level of warn or above silences it too.
  access->set_level(std::max(spdlog::level::info, spdlog::level::from_str(level)));
  main->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(main);
  AccessLogger() = access;
}

void LogAccess(const std::string& line) {
  if (auto& logger = AccessLogger()) {
    logger->info(line);
  } else {
    spdlog::info(line);
  }
}

}  // namespace zhitong
