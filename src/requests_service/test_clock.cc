#include "requests_service/test_clock.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace zhitong::requests_service {
namespace {

// The instant written in a file (surrounding whitespace ignored).
Result<Instant> ReadInstantFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  std::string s = content.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return ParseTimestamp(s);
}

// "now" read from a file at every call; the last readable value when the file is being rewritten.
class FileClock final : public Clock {
 public:
  FileClock(std::string path, Instant initial) : path_(std::move(path)), last_(ToUnixMillis(initial)) {}
  Instant Now() const override {
    if (auto t = ReadInstantFile(path_)) last_.store(ToUnixMillis(*t));
    return FromUnixMillis(last_.load());
  }

 private:
  std::string path_;
  mutable std::atomic<int64_t> last_;
};

}  // namespace

Result<std::unique_ptr<Clock>> ClockFromEnvironmentForTest() {
  const char* value = std::getenv(kFakeNowVariable);
  if (value == nullptr || *value == '\0') return std::unique_ptr<Clock>(new SystemClock());
  const std::string text = value;
  auto bad = [&](const std::string& why) {
    return Error::Invalid("config.fake_now", std::string(kFakeNowVariable) + " " + why,
                          std::string(kFakeNowVariable) + " 设置有误：" + why);
  };
  if (text[0] == '@') {
    auto t = ReadInstantFile(text.substr(1));
    if (!t) return bad("names a file that does not hold an RFC 3339 instant: " + text.substr(1));
    return std::unique_ptr<Clock>(new FileClock(text.substr(1), *t));
  }
  auto t = ParseTimestamp(text);
  if (!t) return bad("is not an RFC 3339 instant: " + text);
  return std::unique_ptr<Clock>(new ManualClock(*t));
}

}  // namespace zhitong::requests_service
