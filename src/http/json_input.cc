#include "http/json_input.h"

#include <fmt/format.h>

#include <charconv>

namespace zhitong::http {

int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    }
    i += len;
    ++n;
  }
  return n;
}

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  const std::string type = request.Header("content-type").value_or("");
  if (type.find("application/json") == std::string::npos) {
    return Error{ErrorKind::kInvalid, "http.unsupported_media_type",
                 "the body must be JSON, sent with Content-Type: application/json",
                 "请求内容须为 JSON，并带有 Content-Type: application/json", {}, 0};
  }
  auto value = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Error::Invalid("json.malformed", "the body is not well-formed JSON", "请求内容不是合法的 JSON");
  }
  if (!value.is_object()) {
    return Error::Invalid("json.not_object", "the body must be a JSON object", "请求内容须为 JSON 对象");
  }
  return value;
}

const nlohmann::json* JsonReader::Get(const std::string& key, bool required) {
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (required) Fail(key, key + " is required", key + " 为必填项");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonReader::String(const std::string& key, StringRule rule) {
  const auto* v = Get(key, rule.required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(key, key + " must be a string", key + " 须为字符串");
    return std::nullopt;
  }
  std::string s = v->get<std::string>();
  const int64_t n = Utf8Length(s);
  if (n < 0) {
    Fail(key, key + " is not valid UTF-8", key + " 不是有效的 UTF-8 文本");
  } else if (rule.required && n == 0 && rule.min_chars <= 0) {
    Fail(key, key + " must not be empty", key + " 不能为空");
  } else if (n < rule.min_chars) {
    Fail(key, fmt::format("{} must have at least {} characters", key, rule.min_chars),
         fmt::format("{} 至少 {} 个字符", key, rule.min_chars));
  } else if (n > rule.max_chars) {
    Fail(key, fmt::format("{} must have at most {} characters", key, rule.max_chars),
         fmt::format("{} 最多 {} 个字符", key, rule.max_chars));
  } else {
    return s;
  }
  return std::nullopt;
}

std::optional<int64_t> JsonReader::Int(const std::string& key, bool required, int64_t min, int64_t max) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    Fail(key, key + " must be an integer", key + " 须为整数");
    return std::nullopt;
  }
  // Unsigned values beyond int64 arrive as number_unsigned; treat them as out of range.
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    Fail(key, fmt::format("{} must be from {} to {}", key, min, max), fmt::format("{} 须在 {} 到 {} 之间", key, min, max));
    return std::nullopt;
  }
  const int64_t n = v->get<int64_t>();
  if (n < min || n > max) {
    Fail(key, fmt::format("{} must be from {} to {}", key, min, max), fmt::format("{} 须在 {} 到 {} 之间", key, min, max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> JsonReader::Bool(const std::string& key, bool required) {
  const auto* v = Get(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    Fail(key, key + " must be true or false", key + " 须为 true 或 false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::string> JsonReader::Enum(const std::string& key, bool required,
                                            const std::vector<std::string>& allowed) {
  auto s = String(key, {.required = required, .min_chars = 0, .max_chars = 200});
  if (!s) return std::nullopt;
  for (const auto& a : allowed) {
    if (a == *s) return s;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  Fail(key, fmt::format("{} must be one of: {}", key, list), fmt::format("{} 须为以下之一：{}", key, list));
  return std::nullopt;
}

void JsonReader::Fail(std::string field, std::string message, std::string message_zh) {
  errors_.push_back({std::move(field), std::move(message), std::move(message_zh)});
}

Result<void> JsonReader::Finish() const {
  if (errors_.empty()) return Ok();
  std::string en = "invalid input: ", zh = "输入有误：";
  for (size_t i = 0; i < errors_.size(); ++i) {
    en += (i ? "; " : "") + errors_[i].message;
    zh += (i ? "；" : "") + errors_[i].message_zh;
  }
  Error e = Error::Invalid("input.invalid", en, zh);
  e.fields = errors_;
  return e;
}

}  // namespace zhitong::http

namespace zhitong::http {

Result<int64_t> QueryInt(const Request& request, const std::string& name, int64_t fallback, int64_t min,
                         int64_t max) {
  const auto text = request.Query(name);
  if (!text) return fallback;
  int64_t value = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || p != text->data() + text->size() || value < min || value > max) {
    return Error::Invalid("query.invalid", fmt::format("query parameter {} must be an integer from {} to {}", name, min, max),
                          fmt::format("查询参数 {} 须为 {} 到 {} 之间的整数", name, min, max));
  }
  return value;
}

Result<Paging> ReadPaging(const Request& request) {
  Paging p;
  ZT_ASSIGN_OR_RETURN(int64_t limit, QueryInt(request, "limit", 50, 1, 500));
  ZT_ASSIGN_OR_RETURN(int64_t offset, QueryInt(request, "offset", 0, 0, 100000000));
  p.limit = static_cast<int>(limit);
  p.offset = static_cast<int>(offset);
  return p;
}

}  // namespace zhitong::http

namespace zhitong::http {

Result<int64_t> ParseId(const std::string& text) {
  int64_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || p != text.data() + text.size() || value <= 0) {
    return Error::Invalid("path.invalid_id", "'" + text.substr(0, 40) + "' is not an id",
                          "“" + text.substr(0, 40) + "”不是有效的编号");
  }
  return value;
}

}  // namespace zhitong::http
