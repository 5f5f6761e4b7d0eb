// Reading JSON request bodies at the boundary: parse without exceptions, then read typed fields,
// collecting every problem so that the caller answers once with all of them (bilingual,
// field by field) instead of one error per round trip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "http/api.h"

namespace zhitong::http {

// The body as a JSON object; a clear error for a wrong content type, malformed JSON, or a
// value that is not an object.
Result<nlohmann::json> ParseJsonObject(const Request& request);

// Number of Unicode code points in UTF-8 text; -1 when the text is not valid UTF-8.
int64_t Utf8Length(std::string_view text);

class JsonReader {
 public:
  explicit JsonReader(const nlohmann::json& object) : object_(object) {}

  struct StringRule {
    bool required = false;
    int64_t min_chars = 0;
    int64_t max_chars = 1000;
  };
  std::optional<std::string> String(const std::string& key, StringRule rule);
  std::optional<int64_t> Int(const std::string& key, bool required, int64_t min, int64_t max);
  std::optional<bool> Bool(const std::string& key, bool required);
  // A string that must be one of allowed.
  std::optional<std::string> Enum(const std::string& key, bool required, const std::vector<std::string>& allowed);
  bool Has(const std::string& key) const { return object_.contains(key) && !object_[key].is_null(); }

  // Records a problem found by the caller.
  void Fail(std::string field, std::string message, std::string message_zh);
  // Ok when no field failed; otherwise one kInvalid error "input.invalid" listing every field.
  Result<void> Finish() const;

 private:
  const nlohmann::json* Get(const std::string& key, bool required);
  const nlohmann::json& object_;
  std::vector<FieldError> errors_;
};

}  // namespace zhitong::http

namespace zhitong::http {

// An integer query parameter: the default when absent, a clear 400 when not an integer in range.
Result<int64_t> QueryInt(const Request& request, const std::string& name, int64_t fallback, int64_t min, int64_t max);

struct Paging {
  int limit = 50;
  int offset = 0;
};
// ?limit= (1–500, default 50) and ?offset= (≥ 0).
Result<Paging> ReadPaging(const Request& request);

}  // namespace zhitong::http

namespace zhitong::http {
// A path parameter that must be a positive integer id.
Result<int64_t> ParseId(const std::string& text);
}  // namespace zhitong::http
