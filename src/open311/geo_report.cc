#include "open311/geo_report.h"

#include <charconv>

#include "open311/mapping.h"
#include "open311/store.h"

namespace zhitong::open311 {
namespace {

Error UnknownService(const std::string& code) {
  return Error::NotFound("open311.unknown_service", "there is no service_code \"" + code + "\"",
                         "没有编码为“" + code + "”的服务");
}

}  // namespace

Result<Node> GeoReport::Services() {
  ZT_ASSIGN_OR_RETURN(auto categories, requests_.Categories(access::Actor{}));
  ZT_ASSIGN_OR_RETURN(auto groups, ServiceGroups(db_));
  std::vector<ServiceInfo> services;
  for (auto& c : categories) {
    std::string group = groups.count(c.code) ? groups[c.code] : "";
    services.push_back({std::move(c), std::move(group)});
  }
  return ServicesNode(services);
}

Result<Node> GeoReport::ServiceDefinition(const std::string& service_code) {
  ZT_ASSIGN_OR_RETURN(auto categories, requests_.Categories(access::Actor{}));
  for (const auto& c : categories) {
    if (c.code == service_code) return ServiceDefinitionNode(c);
  }
  return UnknownService(service_code);
}

Result<Node> GeoReport::Submit(const access::Actor& actor, const FormFields& form, std::string_view http_request_id) {
  ZT_ASSIGN_OR_RETURN(Submission s, ReadSubmission(form));
  // "404 - service_code … was not found": looked up first, so that it is not a 400 from the service.
  ZT_TRY(ServiceDefinition(s.input.category_code));
  const Extras extras = s.extras;
  s.input.also_write = [&extras](storage::Tx& tx, int64_t id) { return SaveExtras(tx, id, extras); };
  ZT_ASSIGN_OR_RETURN(auto view, requests_.Submit(actor, s.input, http_request_id));
  return CreatedNode(view, extras);
}

Result<std::vector<Node>> GeoReport::Render(std::vector<requests_service::RequestView> views) {
  std::vector<int64_t> ids;
  for (const auto& v : views) ids.push_back(v.stored.id);
  ZT_ASSIGN_OR_RETURN(auto extras, LoadExtras(db_, ids));
  std::vector<Node> out;
  for (const auto& v : views) {
    auto it = extras.find(v.stored.id);
    out.push_back(RequestNode(v, it == extras.end() ? Extras{} : it->second));
  }
  return out;
}

Result<Node> GeoReport::Requests(const access::Actor* actor,
                                 const std::vector<std::pair<std::string, std::string>>& query) {
  ZT_ASSIGN_OR_RETURN(RequestsQuery q, ReadRequestsQuery(query, requests_.Now()));
  ZT_ASSIGN_OR_RETURN(auto list, actor ? requests_.List(*actor, q.filter) : requests_.ListPublished(q.filter));
  ZT_ASSIGN_OR_RETURN(auto nodes, Render(std::move(list.items)));
  return ServiceRequestsNode(std::move(nodes));
}

Result<Node> GeoReport::Request(const access::Actor* actor, const std::string& service_request_id) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(service_request_id.data(), service_request_id.data() + service_request_id.size(), id);
  if (ec != std::errc() || p != service_request_id.data() + service_request_id.size() || id <= 0) {
    return requests_service::RequestNotFound(0);
  }
  ZT_ASSIGN_OR_RETURN(auto view, actor ? requests_.Get(*actor, id) : requests_.GetPublished(id));
  std::vector<requests_service::RequestView> views;
  views.push_back(std::move(view));
  ZT_ASSIGN_OR_RETURN(auto nodes, Render(std::move(views)));
  return ServiceRequestsNode(std::move(nodes));
}

Result<Node> GeoReport::Token(const std::string& token) {
  return Error::NotFound("open311.unknown_token",
                         "there is no token \"" + token.substr(0, 100) +
                             "\": this server returns a service_request_id at once and issues no tokens",
                         "没有令牌“" + token.substr(0, 100) + "”：本系统提交后即返回 service_request_id，不发放令牌");
}

Result<Node> GeoReport::Discovery(const std::string& endpoint_url) {
  ZT_ASSIGN_OR_RETURN(Instant changed, CatalogueChangedAt(db_));
  return DiscoveryNode({FormatShanghai(changed), endpoint_url});
}

}  // namespace zhitong::open311
