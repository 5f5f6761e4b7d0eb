// The Open311 GeoReport v2 use cases over our requests service: every submission goes through
// RequestService::Submit (channel open311), every read through its scopes. A caller with an API
// key sees what that key's user may see; a caller without one sees what Open311 publishes
// (requests_service::PublishedClause). Results are documents (see document.h) or errors for
// ErrorsNode. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/actor.h"
#include "open311/document.h"
#include "open311/form.h"
#include "requests_service/request_service.h"
#include "storage/database.h"

namespace zhitong::open311 {

class GeoReport {
 public:
  GeoReport(storage::Database& db, requests_service::RequestService& requests) : db_(db), requests_(requests) {}

  Result<Node> Services();
  // kNotFound "open311.unknown_service" for a code that is no active category.
  Result<Node> ServiceDefinition(const std::string& service_code);
  Result<Node> Submit(const access::Actor& actor, const FormFields& form, std::string_view http_request_id);
  // actor null: a caller without an API key.
  Result<Node> Requests(const access::Actor* actor, const std::vector<std::pair<std::string, std::string>>& query);
  Result<Node> Request(const access::Actor* actor, const std::string& service_request_id);
  // This server creates every request at once ("realtime" services) and hands out no tokens, so
  // every token is unknown: kNotFound.
  Result<Node> Token(const std::string& token);
  Result<Node> Discovery(const std::string& endpoint_url);

 private:
  Result<std::vector<Node>> Render(std::vector<requests_service::RequestView> views);

  storage::Database& db_;
  requests_service::RequestService& requests_;
};

}  // namespace zhitong::open311
