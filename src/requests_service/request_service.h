// The requests application service: the use cases of direct-line requests (诉求) for an acting
// user. Each call checks what the actor may do, works in one transaction (a change, its timeline
// events, its projection, its deadlines and its audit entry commit together or not at all), and
// returns values, never HTTP. Requests outside the actor's scope are reported as not found, so
// ids cannot be probed. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.h"
#include "attachments/blob_store.h"
#include "calendar/working_calendar.h"
#include "core/clock.h"
#include "core/error.h"
#include "requests/escalation.h"
#include "requests/event.h"
#include "requests/model.h"
#include "requests/state_machine.h"
#include "requests_service/deadlines.h"
#include "requests_service/observer.h"
#include "requests_service/store.h"
#include "storage/database.h"

namespace zhitong::requests_service {

struct SubmitInput {
  requests::Kind kind = requests::Kind::kProblem;
  std::string category_code;
  std::string title;
  std::string description;
  std::optional<std::string> location;
  requests::Priority priority = requests::Priority::kNormal;
  std::optional<int64_t> enterprise_id;      // a dispatcher entering on an enterprise's behalf
  std::optional<requests::Channel> channel;  // web by default; a dispatcher: phone or visit
  // Called inside the submission's transaction once the request has its id, for what a channel
  // keeps beside the request (Open311's coordinates); an error rolls the submission back.
  std::function<Result<void>(storage::Tx&, int64_t request_id)> also_write;
};

// A file on its way to a request's timeline: already cleaned, sniffed and stored (see Attach).
struct NewAttachment {
  std::string name;
  std::string media_type;
  int64_t size = 0;
  std::string sha256;
};

// One action on a request; only the fields the action uses are read (see requests::Command).
struct ActInput {
  requests::Action action = requests::Action::kAccept;
  int64_t version = 0;
  std::string note;
  std::optional<int64_t> department_id;  // route (default: the category's department), transfer, add_cohandler
  std::optional<std::string> category_code;  // accept, route
  std::optional<requests::RatingLevel> rating;  // rate, revisit
  std::optional<bool> upheld;                   // decide_appeal
  std::optional<int64_t> target_id;             // merge
  std::optional<requests::EscalationOrder> escalation;  // escalate (the scheduler only)
  std::optional<NewAttachment> attachment;              // attach (version 0: whatever is current)
};

// Limits of attachments (configuration: max_upload_bytes, attachments_per_request).
struct AttachmentLimits {
  int64_t max_bytes = 20 << 20;
  int max_per_request = 20;
};

// A file to attach, as it arrived: the name as given and the bytes.
struct AttachInput {
  std::string name;
  std::string_view bytes;
  std::string note;                // an optional comment on the timeline
  std::optional<int64_t> version;  // when given, the attach is refused if the request changed since
};


struct AttachmentContent {
  StoredAttachment attachment;
  std::string bytes;
};

// A request as an actor sees it.
struct RequestView {
  StoredRequest stored;
  Deadlines deadlines;
  std::vector<requests::Action> allowed_actions;
  // The actor may attach a file now (the transition table, and the request is below the limit).
  bool can_attach = false;
};

struct AttachResult {
  StoredAttachment attachment;
  RequestView request;
};

enum class ListSort { kSubmittedDesc, kSubmittedAsc, kDueAsc, kDueDesc };

struct ListFilter {
  std::optional<requests::Status> status;
  std::optional<int64_t> department_id;
  std::optional<int64_t> region_id;
  std::optional<int64_t> enterprise_id;
  std::optional<std::string> category_code;
  std::optional<bool> overdue;
  std::optional<Instant> from;  // submitted at or after
  std::optional<Instant> to;    // submitted before
  // Chinese full-text search: a substring of the title, the description or a reply, ASCII letters
  // folded (search_index.h); one- and two-character queries included.
  std::optional<std::string> q;
  // Open311's filters: any of these ids, any of these categories, open (true) or finished (false).
  std::vector<int64_t> ids;
  std::vector<std::string> category_codes;
  std::optional<bool> open;
  ListSort sort = ListSort::kSubmittedDesc;
  int limit = 50;
  int offset = 0;
};

// How List reads a search (search_index.h, request_list.cc); tests lower both to reach every path
// with a small corpus.
struct SearchTuning {
  int64_t dense_pieces = 4096;  // this many matching pieces of text make a query common
  int64_t total_cap = 1000;     // a search's total is counted up to this many requests
};

struct ListResult {
  std::vector<RequestView> items;
  int64_t total = 0;
  bool total_capped = false;  // a search with more matches than SearchTuning::total_cap: total is the cap
};

struct Timeline {
  std::vector<requests::Event> events;
  bool chain_valid = true;
  std::string chain_error;  // the first broken link, when not valid
};

// The fields an administrator sets on a category; absent ones stay as they are (on creation:
// the defaults, 5 working days and 24 hours, no department, active, last place). department_id
// holding an empty optional clears it.
struct CategoryEdit {
  std::optional<std::string> name;
  std::optional<std::string> name_en;
  std::optional<std::optional<int64_t>> department_id;
  std::optional<int> reply_days;
  std::optional<int> urgent_hours;
  std::optional<bool> active;
  std::optional<int> sort_order;
};

// One listed day of the working-day calendar: a public holiday or a make-up workday (调休).
struct CalendarDay {
  std::string date;  // YYYY-MM-DD
  std::string kind;  // "holiday" | "workday"
  std::string name;
  std::string name_en;
};

// One year of the calendar as stored: its listed days (by date) and whether the listing is the
// complete arrangement of the year (else deadlines in it fall back to Monday–Friday).
struct CalendarYearView {
  int year = 0;
  bool listed = false;   // the year has a row in calendar_years (was seeded or saved)
  bool covered = false;
  std::string source;    // the notice it comes from
  std::vector<CalendarDay> days;
};

// What an administrator saves for a year.
struct CalendarYearInput {
  std::vector<CalendarDay> days;
  std::string source;
  bool covered = true;
};

struct SimilarMatch {
  RequestView request;
  double score = 0;
};

class RequestService {
 public:
  // Loads the working-day calendar from the database, first seeding it from the built-in data when
  // the database has none. `clock` gives "now" for every change and for the remaining times.
  static Result<std::unique_ptr<RequestService>> Open(storage::Database& db, const Clock& clock);

  // The catalogue, active categories only (everyone signed in may read it).
  Result<std::vector<Category>> Categories(const access::Actor& actor);

  // Files a new request: an enterprise user for their own enterprise, a public user for
  // themselves, a dispatcher on a requester's behalf (channel phone or visit). `http_request_id`
  // goes into the audit entry.
  Result<RequestView> Submit(const access::Actor& actor, const SubmitInput& input,
                             std::string_view http_request_id = {});
  // As Submit, without holding the calling thread while the change waits for its group commit:
  // `done` is called exactly once, on this thread for input refused before any write, otherwise
  // on a storage writer thread after the commit. For HTTP intake at volume.
  void SubmitAsync(const access::Actor& actor, SubmitInput input, std::string http_request_id,
                   std::function<void(Result<RequestView>)> done);

  // Carries out one action; errors as requests::Decide, plus request.not_found (outside the
  // actor's scope too) and input.invalid for unknown departments, categories or merge targets.
  Result<RequestView> Act(const access::Actor& actor, int64_t id, const ActInput& input,
                          std::string_view http_request_id = {});

  Result<RequestView> Get(const access::Actor& actor, int64_t id);
  Result<ListResult> List(const access::Actor& actor, const ListFilter& filter);
  void SetSearchTuning(SearchTuning tuning) { search_tuning_ = tuning; }
  // The timeline, oldest first, with the result of checking its hash chain.
  Result<Timeline> Events(const access::Actor& actor, int64_t id);
  // Open requests of the same enterprise (or the enterprise's region) that the actor may see,
  // ranked by text similarity; at most 10, best first.
  Result<std::vector<SimilarMatch>> Similar(const access::Actor& actor, const std::string& title,
                                            const std::string& description, std::optional<int64_t> enterprise_id);

  // What Open311 shows callers without an API key (PublishedClause: requests citizens filed
  // through Open311), seen with no actions allowed. Outside it: request.not_found.
  Result<ListResult> ListPublished(const ListFilter& filter);
  Result<RequestView> GetPublished(int64_t id);

  // "Now" on the service's clock (a fake one in tests), for windows such as Open311's 90 days.
  Instant Now() const { return clock_.Now(); }

  // The whole catalogue, inactive categories too, in catalogue order (admins and dispatchers).
  Result<std::vector<Category>> AllCategories(const access::Actor& actor);
  // Creates (create = true; category.exists when taken) or changes (category.not_found) a
  // category: admins only, validated (code a–z0–9_ of 1–64, a name, reply_days 1–60,
  // urgent_hours 1–720, an existing department), in one transaction with its audit entry.
  // Requests already filed keep the deadline policy they were filed under; new requests, and
  // routing without a named department, use the category as it is now.
  Result<Category> SaveCategory(const access::Actor& actor, const std::string& code, const CategoryEdit& edit,
                                bool create, std::string_view http_request_id = {});
  // The listed days of one year (everyone signed in): input.invalid outside 1990–2100.
  Result<CalendarYearView> CalendarYear(const access::Actor& actor, int year);
  // Replaces the listed days of `year` (admins only). Every day is checked first — a date of that
  // year, listed once, holiday or workday, a workday on a Saturday or Sunday — and every problem
  // is reported by field (days[i].date …); nothing changes then. Otherwise one transaction writes
  // the days, the year's row, the stored deadlines of every open request counted on the new
  // calendar, and the audit entry; then this service counts on the new calendar at once (other
  // servers on the same database within one RefreshCalendarIfChanged).
  Result<CalendarYearView> PutCalendarYear(const access::Actor& actor, int year, const CalendarYearInput& input,
                                           std::string_view http_request_id = {});
  // Reloads the calendar when its revision in the database differs from the one loaded (another
  // server saved a year); true when it did. Cheap: one small query otherwise.
  Result<bool> RefreshCalendarIfChanged();

  // Attachments (附件). Enabled once, before serving, with the store of their bytes (the service
  // keeps a reference: the store must outlive it); until then Attach answers attachment.disabled.
  void EnableAttachments(attachments::BlobStore& store, AttachmentLimits limits) {
    blobs_ = &store;
    attachment_limits_ = limits;
  }
  AttachmentLimits attachment_limits() const { return attachment_limits_; }

  // Adds a file to a request: an `attach` event on its timeline (which records name, sniffed
  // media type, size and SHA-256) and the row of the attachment, in one transaction with the audit
  // entry; the bytes are stored content-addressed before it. Who may attach in which status is the
  // transition table (requester while open, dispatcher at intake, handler from signing to the
  // reply). Checked in this order: request.not_found (also outside the actor's scope), the domain's
  // refusals (request.invalid_transition, request.not_allowed), attachment.too_many (409),
  // attachment.too_large (413), attachment.name_*, attachment.empty and attachment.type_not_allowed
  // (the type is read from the content, never from the name).
  Result<AttachResult> Attach(const access::Actor& actor, int64_t id, const AttachInput& input,
                              std::string_view http_request_id = {});
  // The attachments of a request the actor may see, oldest first.
  Result<std::vector<StoredAttachment>> Attachments(const access::Actor& actor, int64_t id);
  // One attachment with its bytes; attachment.not_found when the request has no such attachment,
  // request.not_found when the actor may not see the request.
  Result<AttachmentContent> Download(const access::Actor& actor, int64_t id, int64_t attachment_id);

  // Reads the calendar again after administrators changed it.
  Result<void> ReloadCalendar();

  // Adds an observer called inside the transaction of every submission and action (see
  // observer.h). Call before serving; the service keeps a reference, so the observer must
  // outlive it.
  void AddObserver(RequestObserver& observer) { observers_.push_back(&observer); }

  // The working-day calendar the deadlines are counted on (replaced, not changed, on reload).
  std::shared_ptr<const calendar::WorkingCalendar> Calendar() const;

 private:
  RequestService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Submission in two halves: what is decided before the transaction, and the transaction.
  struct Intake {
    std::optional<int64_t> enterprise_id;
    requests::Channel channel = requests::Channel::kWeb;
    Instant now{};
  };
  Result<Intake> PrepareSubmit(const access::Actor& actor, const SubmitInput& in) const;
  Result<StoredRequest> SubmitInTx(storage::Tx& tx, const access::Actor& actor, const SubmitInput& in,
                                   const Intake& intake, std::string_view http_request_id);

  Result<RequestView> View(StoredRequest stored, const access::Actor& actor, Instant now) const;
  Result<ListResult> ListIn(const Clause& scope, const access::Actor& viewer, const ListFilter& filter);
  Result<requests::Command> MakeCommand(storage::Tx& tx, const requests::Request& r, const ActInput& in,
                                        const access::Actor& actor);

  storage::Database& db_;
  const Clock& clock_;
  Result<void> Notify(storage::Tx& tx, const std::optional<requests::Request>& before, const StoredRequest& after,
                      std::span<const requests::Event> events, const Deadlines& deadlines,
                      const access::Actor& actor, Instant at,
                      std::optional<Deadlines> before_deadlines = std::nullopt);

  std::vector<RequestObserver*> observers_;
  attachments::BlobStore* blobs_ = nullptr;
  AttachmentLimits attachment_limits_;
  SearchTuning search_tuning_;
  mutable std::mutex calendar_mu_;
  std::shared_ptr<const calendar::WorkingCalendar> calendar_;
  int64_t calendar_revision_ = -1;  // of the calendar loaded, see CalendarRevision
};

Error RequestNotFound(int64_t id);
Error TooManyAttachments(const AttachmentLimits& limits);

}  // namespace zhitong::requests_service
