// Matches a method and path to a route: literal segments and ":name" parameters, nothing more.
// Knows whether an unmatched path exists under another method, so the server can answer 405
// with an Allow header instead of 404.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/api.h"

namespace zhitong::http {

class Router {
 public:
  explicit Router(std::vector<Route> routes);

  struct Match {
    const Route* route = nullptr;            // null when nothing matched
    std::map<std::string, std::string> params;  // percent-decoded
    std::vector<Method> allowed;             // when the path matched under other methods only
  };
  // path is the raw request path (percent-encoded, no query string).
  Match Find(Method method, std::string_view path) const;

 private:
  struct Compiled {
    Route route;
    std::vector<std::string> segments;  // ":name" marks a parameter
  };
  std::vector<Compiled> routes_;
};

// Decodes %XX escapes; returns false on a malformed escape. '+' is left alone (paths, not forms).
bool PercentDecode(std::string_view in, std::string* out);

}  // namespace zhitong::http
