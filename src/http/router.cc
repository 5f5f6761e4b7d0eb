#include "http/router.h"

namespace zhitong::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t j = path.find('/', i);
    const size_t end = j == std::string_view::npos ? path.size() : j;
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = Hex(in[i + 1]), lo = Hex(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

Router::Router(std::vector<Route> routes) {
  for (auto& r : routes) {
    Compiled c{std::move(r), {}};
    for (auto seg : Split(c.route.pattern)) c.segments.emplace_back(seg);
    routes_.push_back(std::move(c));
  }
}

Router::Match Router::Find(Method method, std::string_view path) const {
  Match result;
  int best_literals = -1;
  const auto parts = Split(path);
  for (const auto& c : routes_) {
    if (c.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    int literals = 0;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = c.segments[i];
      if (!seg.empty() && seg[0] == ':') {
        std::string value;
        ok = !parts[i].empty() && PercentDecode(parts[i], &value);
        if (ok) params[seg.substr(1)] = std::move(value);
      } else {
        ok = seg == parts[i];
        ++literals;
      }
    }
    if (!ok) continue;
    const bool same_method =
        c.route.method == method || (method == Method::kHead && c.route.method == Method::kGet);
    if (!same_method) {
      result.allowed.push_back(c.route.method);
    } else if (literals > best_literals) {  // "/requests/search" wins over "/requests/:id"
      best_literals = literals;
      result.route = &c.route;
      result.params = std::move(params);
    }
  }
  if (result.route) result.allowed.clear();
  return result;
}

}  // namespace zhitong::http
