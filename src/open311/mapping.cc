#include "open311/mapping.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "requests/model.h"
#include "requests/utf8.h"

namespace zhitong::open311 {
namespace {

using requests_service::Category;
using requests_service::RequestView;

Node::Value Text(const std::optional<std::string>& s) {
  if (!s || s->empty()) return nullptr;
  return *s;
}
Node::Value Num(const std::optional<double>& d) {
  if (!d) return nullptr;
  return *d;
}
Node::Value Time(const std::optional<Instant>& t) {
  if (!t) return nullptr;
  return FormatShanghai(*t);
}

std::string PolicyNotice(int reply_days, int urgent_hours, bool urgent) {
  if (urgent) {
    return "紧急诉求 " + std::to_string(urgent_hours) + " 小时内答复 / urgent: a reply within " +
           std::to_string(urgent_hours) + " hours";
  }
  return std::to_string(reply_days) + " 个工作日内答复 / a reply within " + std::to_string(reply_days) +
         " working days of routing";
}

// The attributes of every service: the parts of our request that Open311 has no field for.
struct AttributeSpec {
  const char* code;
  const char* datatype;
  const char* description;
  const char* datatype_description;
  std::vector<std::pair<std::string, std::string>> values;  // key, name
};

template <class E>
std::vector<std::pair<std::string, std::string>> ValuesOf() {
  std::vector<std::pair<std::string, std::string>> out;
  for (E v : requests::All<E>()) {
    out.emplace_back(std::string(requests::Name(v)),
                     std::string(requests::NameZh(v)) + " " + std::string(requests::Name(v)));
  }
  return out;
}

const std::vector<AttributeSpec>& Attributes() {
  static const std::vector<AttributeSpec> kAttributes = {
      {"kind", "singlevaluelist", "诉求类型 / kind of request", "默认为问题 / default: problem",
       ValuesOf<requests::Kind>()},
      {"priority", "singlevaluelist", "紧急程度 / priority", "默认为一般 / default: normal",
       ValuesOf<requests::Priority>()},
      {"title", "string", "标题 / title",
       "不超过 200 个字符；默认取诉求内容的前 30 个字 / at most 200 characters; default: the first 30 "
       "characters of the description",
       {}},
  };
  return kAttributes;
}

void Fail(Error* e, const std::string& field, const std::string& en, const std::string& zh) {
  e->fields.push_back({field, en, zh});
}

std::optional<double> ParseNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    const size_t j = s.find(',', i);
    std::string part = s.substr(i, j == std::string::npos ? std::string::npos : j - i);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return out;
}

// The first `n` code points of `text` with runs of whitespace made one space.
std::string Prefix(const std::string& text, size_t n) {
  std::string flat;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !flat.empty();
      continue;
    }
    if (space) flat += ' ';
    space = false;
    flat += c;
  }
  std::string out;
  size_t count = 0;
  for (size_t i = 0; i < flat.size() && count < n; ++count) {
    size_t len = 1;
    const auto u = static_cast<unsigned char>(flat[i]);
    if (u >= 0xF0) len = 4;
    else if (u >= 0xE0) len = 3;
    else if (u >= 0xC0) len = 2;
    out += flat.substr(i, len);
    i += len;
  }
  return out;
}

}  // namespace

int HttpStatus(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kUnauthenticated:
    case ErrorKind::kForbidden: return 403;
    default: return 400;
  }
}

Node ErrorsNode(const Error& error) {
  const int code = HttpStatus(error);
  Node errors = Node::List("errors");
  auto add = [&](const std::string& en, const std::string& zh) {
    errors.Add(Node::Object("error", {Node::Leaf("code", int64_t{code}), Node::Leaf("description", en + " / " + zh)}));
  };
  if (error.fields.empty()) {
    add(error.message, error.message_zh);
  } else {
    for (const auto& f : error.fields) add(f.field + ": " + f.message, f.field + "：" + f.message_zh);
  }
  return errors;
}

Node ServicesNode(const std::vector<ServiceInfo>& services) {
  Node list = Node::List("services");
  for (const auto& s : services) {
    const Category& c = s.category;
    list.Add(Node::Object(
        "service", {Node::Leaf("service_code", c.code), Node::Leaf("service_name", c.name),
                    Node::Leaf("description", c.name_en + ". " + PolicyNotice(c.reply_days, c.urgent_hours, false)),
                    Node::Leaf("metadata", true), Node::Leaf("type", std::string("realtime")),
                    Node::Leaf("keywords", c.code + ", " + c.name + ", " + c.name_en),
                    Node::Leaf("group", Text(s.group))}));
  }
  return list;
}

Node ServiceDefinitionNode(const Category& category) {
  Node attributes = Node::List("attributes");
  int64_t order = 1;
  for (const auto& a : Attributes()) {
    Node attr = Node::Object("attribute", {Node::Leaf("variable", true), Node::Leaf("code", std::string(a.code)),
                                           Node::Leaf("datatype", std::string(a.datatype)),
                                           Node::Leaf("required", false),
                                           Node::Leaf("datatype_description", std::string(a.datatype_description)),
                                           Node::Leaf("order", order++),
                                           Node::Leaf("description", std::string(a.description))});
    if (!a.values.empty()) {
      Node values = Node::List("values");
      for (const auto& [key, name] : a.values) {
        values.Add(Node::Object("value", {Node::Leaf("key", key), Node::Leaf("name", name)}));
      }
      attr.Add(std::move(values));
    }
    attributes.Add(std::move(attr));
  }
  return Node::Object("service_definition", {Node::Leaf("service_code", category.code), std::move(attributes)});
}

Node RequestNode(const RequestView& v, const Extras& extras) {
  const auto& s = v.stored;
  const requests::Request& r = s.request;
  const bool open = requests::IsOpen(r.status);
  std::string notes = r.reply.empty()
                          ? std::string(requests::NameZh(r.status)) + " (" + std::string(requests::DisplayEn(r.status)) + ")"
                          : r.reply;
  const std::optional<Instant> updated = !open && r.closed_at ? r.closed_at : std::optional<Instant>(s.updated_at);
  return Node::Object(
      "request",
      {Node::Leaf("service_request_id", s.id),
       Node::Leaf("status", std::string(open ? "open" : "closed")),
       Node::Leaf("status_notes", notes),
       Node::Leaf("service_name", s.category_name),
       Node::Leaf("service_code", r.category_code),
       Node::Leaf("description", r.description),
       Node::Leaf("agency_responsible", Text(s.department_name)),
       Node::Leaf("service_notice", PolicyNotice(s.policy.reply_days, s.policy.urgent_hours,
                                                 r.priority == requests::Priority::kUrgent)),
       Node::Leaf("requested_datetime", FormatShanghai(r.submitted_at)),
       Node::Leaf("updated_datetime", Time(updated)),
       Node::Leaf("expected_datetime", Time(v.deadlines.reply_due)),
       Node::Leaf("address", Text(r.location)),
       Node::Leaf("address_id", Text(extras.address_id)),
       Node::Leaf("zipcode", nullptr),
       Node::Leaf("lat", Num(extras.lat)),
       Node::Leaf("long", Num(extras.lon)),
       Node::Leaf("media_url", Text(extras.media_url))});
}

Node ServiceRequestsNode(std::vector<Node> requests) { return Node::List("service_requests", std::move(requests)); }

Node CreatedNode(const RequestView& v, const Extras& extras) {
  const auto& s = v.stored;
  return ServiceRequestsNode({Node::Object(
      "request", {Node::Leaf("service_request_id", s.id),
                  Node::Leaf("service_notice", PolicyNotice(s.policy.reply_days, s.policy.urgent_hours,
                                                            s.request.priority == requests::Priority::kUrgent)),
                  Node::Leaf("account_id", Text(extras.account_id))})});
}

Result<Submission> ReadSubmission(const FormFields& form) {
  Submission out;
  Error e = Error::Invalid("input.invalid", "invalid service request", "服务请求有误");
  std::map<std::string, std::string> fields;
  std::map<std::string, std::string> attributes;
  for (const auto& [name, value] : form) {
    if (name.rfind("attribute[", 0) == 0) {
      const size_t close = name.find(']');
      std::string rest = close == std::string::npos ? "" : name.substr(close + 1);
      const std::string code = close == std::string::npos ? "" : name.substr(10, close - 10);
      if (close == std::string::npos || code.empty() || (!rest.empty() && rest != "[]")) {
        Fail(&e, name, "malformed attribute name (use attribute[code]=value)", "属性名格式错误（应为 attribute[code]=value）");
        continue;
      }
      if (attributes.count(code)) {
        Fail(&e, "attribute[" + code + "]", "give one value only", "只能有一个值");
        continue;
      }
      attributes[code] = value;
    } else {
      fields.emplace(name, value);  // the first of repeated fields counts
    }
  }
  auto get = [&](const std::string& name) -> std::optional<std::string> {
    auto it = fields.find(name);
    if (it == fields.end() || it->second.empty()) return std::nullopt;  // empty = not given
    return it->second;
  };
  auto text = [&](const std::string& name, size_t max_chars) -> std::optional<std::string> {
    auto v = get(name);
    if (!v) return std::nullopt;
    if (!requests::IsValidUtf8(*v) || requests::CountCodePoints(*v) > max_chars) {
      Fail(&e, name, "must be UTF-8 text of at most " + std::to_string(max_chars) + " characters",
           "须为不超过 " + std::to_string(max_chars) + " 个字符的 UTF-8 文本");
      return std::nullopt;
    }
    return v;
  };

  auto code = text("service_code", 64);
  if (!code) Fail(&e, "service_code", "service_code is required", "缺少 service_code");
  out.input.category_code = code.value_or("");

  // Location: lat and long together, or address_string, or address_id.
  auto lat_text = get("lat"), long_text = get("long");
  if (lat_text || long_text) {
    auto lat = lat_text ? ParseNumber(*lat_text) : std::nullopt;
    auto lon = long_text ? ParseNumber(*long_text) : std::nullopt;
    if (!lat || *lat < -90 || *lat > 90) Fail(&e, "lat", "lat must be a WGS84 latitude (-90 to 90), sent with long", "lat 须为 WGS84 纬度（-90 至 90），且与 long 一起提供");
    if (!lon || *lon < -180 || *lon > 180) Fail(&e, "long", "long must be a WGS84 longitude (-180 to 180), sent with lat", "long 须为 WGS84 经度（-180 至 180），且与 lat 一起提供");
    out.extras.lat = lat;
    out.extras.lon = lon;
  }
  out.input.location = text("address_string", 500);
  out.extras.address_id = text("address_id", 200);
  if (!lat_text && !long_text && !get("address_string") && !get("address_id")) {
    Fail(&e, "address_string", "a location is required: lat and long, address_string or address_id",
         "须提供位置：lat 与 long、address_string 或 address_id 之一");
  }

  out.input.description = text("description", requests::kMaxDescriptionChars).value_or("");
  out.extras.email = text("email", 254);
  out.extras.first_name = text("first_name", 100);
  out.extras.last_name = text("last_name", 100);
  out.extras.phone = text("phone", 40);
  out.extras.device_id = text("device_id", 200);
  out.extras.account_id = text("account_id", 200);
  out.extras.media_url = text("media_url", 2000);
  if (out.extras.media_url && out.extras.media_url->rfind("http://", 0) != 0 &&
      out.extras.media_url->rfind("https://", 0) != 0) {
    Fail(&e, "media_url", "media_url must be an http or https URL", "media_url 须为 http 或 https 地址");
  }

  for (const auto& [attr, value] : attributes) {
    const std::string field = "attribute[" + attr + "]";
    if (attr == "kind") {
      auto k = requests::Parse<requests::Kind>(value);
      if (k) out.input.kind = *k;
      else Fail(&e, field, "kind must be one of problem, question, suggestion, complaint", "诉求类型须为 problem、question、suggestion、complaint 之一");
    } else if (attr == "priority") {
      auto p = requests::Parse<requests::Priority>(value);
      if (p) out.input.priority = *p;
      else Fail(&e, field, "priority must be normal or urgent", "紧急程度须为 normal 或 urgent");
    } else if (attr == "title") {
      if (!requests::IsValidUtf8(value) || requests::CountCodePoints(value) > requests::kMaxTitleChars) {
        Fail(&e, field, "title must be UTF-8 text of at most 200 characters", "标题须为不超过 200 个字符的 UTF-8 文本");
      } else {
        out.input.title = value;
      }
    } else {
      Fail(&e, field, "there is no attribute \"" + attr + "\" (see the service definition)",
           "没有名为“" + attr + "”的属性（见服务定义）");
    }
  }
  if (out.input.title.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.input.title = Prefix(out.input.description, 30);
  }
  if (out.input.title.empty()) {
    Fail(&e, "description", "a description (or attribute[title]) is required", "须填写诉求内容（description）或标题");
  }
  out.input.channel = requests::Channel::kOpen311;
  if (!e.fields.empty()) return e;
  return out;
}

Result<RequestsQuery> ReadRequestsQuery(const std::vector<std::pair<std::string, std::string>>& query, Instant now) {
  RequestsQuery q;
  Error e = Error::Invalid("input.invalid", "invalid query", "查询参数有误");
  auto get = [&](const std::string& name) -> std::optional<std::string> {
    for (const auto& [k, v] : query) {
      if (k == name) return v.empty() ? std::nullopt : std::optional<std::string>(v);
    }
    return std::nullopt;
  };
  auto positive = [&](const std::string& name, int64_t max) -> std::optional<int64_t> {
    auto v = get(name);
    if (!v) return std::nullopt;
    char* end = nullptr;
    const long long n = std::strtoll(v->c_str(), &end, 10);
    if (end != v->c_str() + v->size() || n < 1 || n > max) {
      Fail(&e, name, name + " must be a whole number from 1 to " + std::to_string(max),
           name + " 须为 1 至 " + std::to_string(max) + " 的整数");
      return std::nullopt;
    }
    return n;
  };
  q.page = static_cast<int>(positive("page", 1000000).value_or(1));
  q.page_size = static_cast<int>(positive("page_size", kMaxRequests).value_or(kMaxRequests));
  auto& f = q.filter;
  f.limit = q.page_size;
  f.offset = (q.page - 1) * q.page_size;

  if (auto ids = get("service_request_id")) {
    // "This overrides all other arguments."
    for (const auto& id : SplitCommas(*ids)) {
      char* end = nullptr;
      const long long n = std::strtoll(id.c_str(), &end, 10);
      if (end != id.c_str() + id.size() || n < 1) {
        Fail(&e, "service_request_id", "\"" + id + "\" is not a service request id", "“" + id + "”不是服务请求编号");
      } else {
        f.ids.push_back(n);
      }
    }
    if (f.ids.size() > static_cast<size_t>(kMaxRequests)) {
      Fail(&e, "service_request_id", "at most 1000 ids", "最多 1000 个编号");
    }
    if (!e.fields.empty()) return e;
    return q;
  }
  if (auto codes = get("service_code")) f.category_codes = SplitCommas(*codes);
  if (auto statuses = get("status")) {
    std::set<std::string> wanted;
    for (const auto& s : SplitCommas(*statuses)) {
      if (s != "open" && s != "closed") {
        Fail(&e, "status", "status must be open or closed (comma-separated)", "status 须为 open 或 closed（可用逗号分隔）");
      }
      wanted.insert(s);
    }
    if (wanted.size() == 1) f.open = *wanted.begin() == "open";
  }
  auto time = [&](const std::string& name) -> std::optional<Instant> {
    auto v = get(name);
    if (!v) return std::nullopt;
    // An unescaped "+08:00" in a query string arrives as " 08:00" ('+' is a space in forms).
    if (v->size() > 19 && (*v)[19] == ' ') (*v)[19] = '+';
    auto t = ParseTimestamp(*v);
    if (!t) {
      Fail(&e, name, name + " must be a w3 datetime such as 2010-01-01T00:00:00Z", name + " 须为 W3C 日期时间，如 2010-01-01T00:00:00Z");
      return std::nullopt;
    }
    return *t;
  };
  auto start = time("start_date"), end = time("end_date");
  if (!e.fields.empty()) return e;
  const auto window = std::chrono::days(kDefaultWindowDays);
  if (!start && !end) end = now;
  if (!start) start = *end - window;
  if (!end) end = *start + window;
  if (*end < *start) {
    Fail(&e, "end_date", "end_date is before start_date", "end_date 早于 start_date");
  } else if (*end - *start > window) {
    Fail(&e, "end_date", "start_date and end_date may not span more than 90 days", "start_date 与 end_date 相隔不得超过 90 天");
  }
  if (!e.fields.empty()) return e;
  f.from = *start;
  f.to = *end + std::chrono::milliseconds(1);  // end_date is the latest time included
  return q;
}

Node DiscoveryNode(const DiscoveryInfo& info) {
  Node formats = Node::List("formats", {Node::Leaf("format", std::string("text/xml")),
                                         Node::Leaf("format", std::string("application/json"))});
  Node endpoint = Node::Object("endpoint", {Node::Leaf("specification", std::string(kSpecification)),
                                            Node::Leaf("url", info.endpoint_url), Node::Leaf("changeset", info.changeset),
                                            Node::Leaf("type", std::string("production")), std::move(formats)});
  return Node::Object(
      "discovery",
      {Node::Leaf("changeset", info.changeset),
       Node::Leaf("contact", std::string("营商环境办公室，即本系统的管理员 / the business environment office that runs this "
                                         "server")),
       Node::Leaf("key_service",
                  std::string("API 密钥由本系统管理员发放（zhitong apikey create）；公众用户亦可登录后通过 POST "
                              "/api/v1/api-keys 自行创建 / API keys are issued by the administrator (zhitong apikey "
                              "create), or created by a signed-in user with POST /api/v1/api-keys")),
       Node::List("endpoints", {std::move(endpoint)})});
}

}  // namespace zhitong::open311
