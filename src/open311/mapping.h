// GeoReport v2 as pure functions: our request categories as Open311 services (with the service
// definition of the attributes a submission may carry), our requests as Open311 service
// requests, the POST form and the GET filters read into our service's inputs, and errors in the
// standard's own `errors` document. Field names, formats and codes follow
// http://wiki.open311.org/GeoReport_v2 (and /Service_Discovery, /GeoReport_v2/Extensions for
// page and page_size). No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "open311/document.h"
#include "open311/form.h"
#include "requests_service/request_service.h"

namespace zhitong::open311 {

inline constexpr const char* kSpecification = "http://wiki.open311.org/GeoReport_v2";
// "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest."
inline constexpr int kDefaultWindowDays = 90;
inline constexpr int kMaxRequests = 1000;

// What an Open311 submission carries beyond our request (table open311_requests).
struct Extras {
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<std::string> address_id;
  std::optional<std::string> media_url;
  std::optional<std::string> email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> phone;
  std::optional<std::string> device_id;
  std::optional<std::string> account_id;
};

// A category as a service: `group` is the default department's name (empty: none).
struct ServiceInfo {
  requests_service::Category category;
  std::string group;
};

// The HTTP status for an error as the standard wants it: 404 for what does not exist, 403 for a
// missing or wrong api_key (and anything else refused), 400 for everything else.
int HttpStatus(const Error& error);
// <errors><error><code/><description/></error>…</errors>: one error per bad field, otherwise one;
// code is the HTTP status, description the English and Chinese messages.
Node ErrorsNode(const Error& error);

Node ServicesNode(const std::vector<ServiceInfo>& services);
Node ServiceDefinitionNode(const requests_service::Category& category);

// One <request> of GET requests: status open/closed, agency_responsible the handling department,
// expected_datetime the reply due time, times in ISO 8601 with the +08:00 offset.
Node RequestNode(const requests_service::RequestView& view, const Extras& extras);
Node ServiceRequestsNode(std::vector<Node> requests);
// The answer to POST requests: the new id (our services are all "realtime"), the service notice
// and the account_id the client sent.
Node CreatedNode(const requests_service::RequestView& view, const Extras& extras);

struct Submission {
  requests_service::SubmitInput input;
  Extras extras;
};
// Reads a POST requests form (api_key and jurisdiction_id are the caller's business): service_code,
// a location (lat and long, address_string or address_id), description, the attributes of the
// service definition (attribute[kind], attribute[priority], attribute[title]) and the optional
// fields. Every problem is listed in one input.invalid error.
Result<Submission> ReadSubmission(const FormFields& form);

struct RequestsQuery {
  requests_service::ListFilter filter;  // limit/offset from page and page_size
  int page = 1;
  int page_size = kMaxRequests;
};
// Reads GET requests' filters: service_request_id (comma-separated; overrides all others),
// service_code and status (comma-separated), start_date and end_date (at most 90 days apart;
// without them the 90 days up to `now`), and the page / page_size extension (page_size ≤ 1000).
Result<RequestsQuery> ReadRequestsQuery(const std::vector<std::pair<std::string, std::string>>& query, Instant now);

struct DiscoveryInfo {
  std::string changeset;    // sortable: the last change of the service definitions
  std::string endpoint_url; // absolute URL of /open311/v2
};
Node DiscoveryNode(const DiscoveryInfo& info);

}  // namespace zhitong::open311
