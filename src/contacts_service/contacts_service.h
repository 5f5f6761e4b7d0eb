// The contacts application service (无事不扰) for an acting user: registering contacts with
// enterprises and checking them against the rules (src/contacts/rules.h), the enterprise's
// rating and its report of a needless contact (扰企, which becomes a complaint request through
// RequestService::Submit), quiet periods, and random joint inspection plans (双随机、一公开,
// docs/RANDOM-INSPECTIONS.md). Every change is one transaction with its audit entry. Records
// outside the actor's scope are reported as not found. Thread-safe.
//
//   role               registers contacts for                 reads contacts
//   admin              any enterprise                         all
//   dispatcher         —                                      all
//   leader (city)      any enterprise, as their official      all (and the flagged list)
//   leader (district)  enterprises of their region            their region (and flagged list)
//   liaison            enterprises assigned to them           those, and contacts they made
//   handler            any enterprise, as their department    their department's, and their own
//   enterprise         —                                      its own (rates them, reports them)
//   public             —                                      — (only published inspection plans)
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/actor.h"
#include "contacts/contact.h"
#include "contacts/rules.h"
#include "core/clock.h"
#include "core/error.h"
#include "requests/model.h"
#include "requests_service/request_service.h"
#include "storage/database.h"

namespace zhitong::contacts_service {

struct ContactInput {
  int64_t enterprise_id = 0;
  contacts::Kind kind = contacts::Kind::kVisit;
  std::string purpose;      // required
  std::string legal_basis;  // required for an inspection
  Instant started_at{};
  int64_t duration_minutes = 0;
  std::string outcome;
  std::optional<int64_t> official_id;                  // default: the actor's official
  std::optional<std::vector<int64_t>> department_ids;  // default: the actor's department
  std::optional<int64_t> request_id;                   // must be visible to the actor
  std::optional<int64_t> plan_id;                      // a published plan drawing this enterprise
  std::string justification;                           // needed when a rule is broken
};

struct ContactRating {
  requests::RatingLevel level = requests::RatingLevel::kSatisfied;
  std::string comment;
  Instant at{};
};

struct ContactReport {
  std::string reason;
  int64_t request_id = 0;
  Instant at{};
};

struct Contact {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  int64_t region_id = 0;
  contacts::Kind kind = contacts::Kind::kVisit;
  std::string purpose;
  std::string legal_basis;
  Instant started_at{};
  int64_t duration_minutes = 0;
  std::string outcome;
  std::optional<int64_t> official_id;
  std::string official_name;
  std::vector<int64_t> department_ids;
  std::vector<std::string> department_names;
  std::optional<int64_t> request_id;
  std::optional<int64_t> plan_id;
  std::string justification;
  std::vector<contacts::Finding> violations;
  std::vector<contacts::Finding> warnings;
  bool flagged = false;
  std::optional<ContactRating> rating;
  std::optional<ContactReport> report;
  int64_t registered_by = 0;
  Instant registered_at{};
};

struct ContactFilter {
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> department_id;
  std::optional<int64_t> official_id;
  std::optional<contacts::Kind> kind;
  std::optional<bool> flagged;
  std::optional<Instant> from;  // started at or after
  std::optional<Instant> to;    // started before
  int limit = 50;
  int offset = 0;
};

struct ContactList {
  std::vector<Contact> items;
  int64_t total = 0;
};

struct ReportResult {
  Contact contact;
  requests_service::RequestView request;
};

struct QuietPeriodInput {
  int64_t enterprise_id = 0;
  contacts::Date starts_on{};
  contacts::Date ends_on{};
  std::string reason;
};

struct QuietPeriodView {
  contacts::QuietPeriod period;
  std::string enterprise_name;
  int64_t requested_by = 0;
  std::optional<int64_t> decided_by;
  std::string decision_note;
  Instant created_at{};
};

struct PlanInput {
  std::string title;
  std::vector<int64_t> department_ids;
  contacts::Date starts_on{};
  contacts::Date ends_on{};
  int64_t target_count = 0;
  std::optional<std::vector<int64_t>> enterprise_ids;  // the pool before the rules; default: all
  std::optional<std::vector<int64_t>> roster;          // official ids; default: the departments' officials
  std::optional<std::string> seed;                     // default: 32 random bytes, hex
};

// A plan: its stored columns and the published document (see docs/API-CONTRACT.md).
struct Plan {
  int64_t id = 0;
  std::string status;  // draft | published
  nlohmann::json document;
  Instant created_at{};
  std::optional<Instant> published_at;
};

class ContactsService {
 public:
  // `requests` files the complaint of a reported contact and checks linked requests; it must
  // outlive this service.
  ContactsService(storage::Database& db, const Clock& clock, contacts::RuleSettings settings,
                  requests_service::RequestService& requests)
      : db_(db), clock_(clock), settings_(settings), requests_(requests) {}

  // Registers a contact. input.invalid for bad fields; contact.not_allowed (403) outside the
  // actor's enterprises; contact.rule_violation (invalid; the HTTP layer answers 422) with one
  // field per broken rule when a rule is broken and no justification is given.
  Result<Contact> Register(const access::Actor& actor, const ContactInput& input, std::string_view http_request_id = {});
  Result<Contact> Get(const access::Actor& actor, int64_t id);
  Result<ContactList> List(const access::Actor& actor, const ContactFilter& filter);
  // Flagged contacts (rules broken with a justification, or the high-frequency warning), newest
  // first; leaders (their region for district rank), admins and dispatchers.
  Result<ContactList> Flagged(const access::Actor& actor, ContactFilter filter);
  // The enterprise rates a contact with it; rating again replaces the rating.
  Result<Contact> Rate(const access::Actor& actor, int64_t id, requests::RatingLevel level, const std::string& comment,
                       std::string_view http_request_id = {});
  // The enterprise reports a needless contact (扰企): a complaint request is submitted and linked.
  // contact.already_reported (409) the second time.
  Result<ReportResult> Report(const access::Actor& actor, int64_t id, const std::string& reason,
                              std::string_view http_request_id = {});

  // Quiet periods: an admin's is approved at once; an enterprise asks for its own (pending).
  Result<QuietPeriodView> RequestQuietPeriod(const access::Actor& actor, const QuietPeriodInput& input,
                                             std::string_view http_request_id = {});
  Result<QuietPeriodView> DecideQuietPeriod(const access::Actor& actor, int64_t id, bool approve,
                                            const std::string& note, std::string_view http_request_id = {});
  Result<std::vector<QuietPeriodView>> QuietPeriods(const access::Actor& actor, std::optional<int64_t> enterprise_id,
                                                    std::optional<contacts::QuietStatus> status);

  // Random inspection plans: drawn at creation (admin), published once (admin).
  Result<Plan> CreatePlan(const access::Actor& actor, const PlanInput& input, std::string_view http_request_id = {});
  Result<Plan> PublishPlan(const access::Actor& actor, int64_t id, std::string_view http_request_id = {});
  Result<std::vector<Plan>> Plans(const access::Actor& actor);
  Result<Plan> GetPlan(const access::Actor& actor, int64_t id);
  // Published plans, for everyone (no sign-in).
  Result<std::vector<Plan>> PublishedPlans();
  Result<Plan> GetPublishedPlan(int64_t id);

  const contacts::RuleSettings& settings() const { return settings_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
  contacts::RuleSettings settings_;
  requests_service::RequestService& requests_;
};

// The last contact with each enterprise that has one, for the coverage report:
// enterprise id → when its latest contact began. Runs inside the caller's transaction; served by
// the contacts(enterprise_id, contacted_at) index.
Result<std::map<int64_t, Instant>> LastContactTimes(storage::Tx& tx);

// JSON of the API (docs/API-CONTRACT.md); times in +08:00.
nlohmann::json ToJson(const Contact& c);
nlohmann::json ToJson(const QuietPeriodView& q);
nlohmann::json ToJson(const Plan& p);
nlohmann::json ToJson(const contacts::Finding& f);

Error ContactNotFound(int64_t id);

}  // namespace zhitong::contacts_service
