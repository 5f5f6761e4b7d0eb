#include "requests_service/request_service.h"

#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "requests/event_chain.h"
#include "requests/similarity.h"
#include "requests/state_machine.h"
#include "requests/transitions.h"
#include "requests_service/calendar_store.h"
#include "requests_service/permissions.h"
#include "requests_service/search_index.h"

namespace zhitong::requests_service {
namespace {

using requests::Action;
using storage::Tx;

Error FieldInvalid(const std::string& field, const std::string& en, const std::string& zh) {
  Error e = Error::Invalid("input.invalid", "invalid input: " + en, "输入有误：" + zh);
  e.fields.push_back({field, en, zh});
  return e;
}

nlohmann::json AuditState(const requests::Request& r) {
  return {{"status", requests::Name(r.status)},
          {"version", r.version},
          {"handling_department_id", r.handling_department ? nlohmann::json(*r.handling_department) : nlohmann::json()}};
}

requests::Channel DefaultChannel(const access::Actor& a) {
  return a.via_api_key ? requests::Channel::kApi : requests::Channel::kWeb;
}

const Clause kEverything{"1 = 1", {}};

}  // namespace

Error TooManyAttachments(const AttachmentLimits& limits) {
  const std::string n = std::to_string(limits.max_per_request);
  return Error::Conflict("attachment.too_many", "a request can have at most " + n + " attachments",
                         "每件诉求最多 " + n + " 个附件");
}

Error RequestNotFound(int64_t id) {
  return Error::NotFound("request.not_found", "there is no request " + std::to_string(id) + " that you may see",
                         "没有编号为 " + std::to_string(id) + " 的诉求，或您无权查看");
}

Result<std::unique_ptr<RequestService>> RequestService::Open(storage::Database& db, const Clock& clock) {
  ZT_TRY(SeedCalendarIfEmpty(db, clock.Now()));
  ZT_ASSIGN_OR_RETURN(int64_t indexed, IndexBacklog(db));
  (void)indexed;
  std::unique_ptr<RequestService> service(new RequestService(db, clock));
  ZT_TRY(service->ReloadCalendar());
  return service;
}

Result<void> RequestService::ReloadCalendar() {
  struct Loaded {
    calendar::WorkingCalendar calendar;
    int64_t revision = 0;
  };
  auto loaded = db_.ReadValue([](Tx& tx) -> Result<Loaded> {
    Loaded l;
    ZT_ASSIGN_OR_RETURN(l.revision, CalendarRevision(tx));
    ZT_ASSIGN_OR_RETURN(l.calendar, LoadCalendar(tx));
    return l;
  });
  if (!loaded) return loaded.error();
  auto shared = std::make_shared<const calendar::WorkingCalendar>(std::move(loaded->calendar));
  std::lock_guard lock(calendar_mu_);
  calendar_ = std::move(shared);
  calendar_revision_ = loaded->revision;
  return Ok();
}

Result<bool> RequestService::RefreshCalendarIfChanged() {
  ZT_ASSIGN_OR_RETURN(int64_t revision, db_.ReadValue([](Tx& tx) { return CalendarRevision(tx); }));
  {
    std::lock_guard lock(calendar_mu_);
    if (revision == calendar_revision_) return false;
  }
  ZT_TRY(ReloadCalendar());
  return true;
}

std::shared_ptr<const calendar::WorkingCalendar> RequestService::Calendar() const {
  std::lock_guard lock(calendar_mu_);
  return calendar_;
}

Result<RequestView> RequestService::View(StoredRequest stored, const access::Actor& actor, Instant now) const {
  RequestView v;
  ZT_ASSIGN_OR_RETURN(v.deadlines, ComputeDeadlines(*Calendar(), stored.request, stored.policy, now));
  v.allowed_actions = AllowedActions(stored.request, actor);
  v.can_attach = blobs_ != nullptr && stored.request.attachment_count < attachment_limits_.max_per_request &&
                 CanAttach(stored.request, actor);
  v.stored = std::move(stored);
  return v;
}

Result<std::vector<Category>> RequestService::Categories(const access::Actor&) {
  return db_.ReadValue([](Tx& tx) { return LoadCategories(tx, /*active_only=*/true); });
}

Result<RequestService::Intake> RequestService::PrepareSubmit(const access::Actor& actor, const SubmitInput& in) const {
  ZT_TRY(access::RequireWriteScope(actor));
  Intake intake;
  intake.enterprise_id = in.enterprise_id;
  if (actor.role == access::Role::kEnterprise && !intake.enterprise_id) intake.enterprise_id = actor.enterprise_id;
  intake.channel = in.channel.value_or(DefaultChannel(actor));
  if (actor.role == access::Role::kDispatcher && !in.channel) {
    return FieldInvalid("channel", "channel is required when a dispatcher enters a request (phone or visit)",
                        "派单员代为登记诉求须注明渠道（电话或来访）");
  }
  // Only a dispatcher names another requester's enterprise; anyone else naming one that is not
  // their own is refused before it is looked up, so that existing and unknown ids answer alike.
  if (actor.role != access::Role::kDispatcher && in.enterprise_id && in.enterprise_id != actor.enterprise_id) {
    return Error::Forbidden("request.not_allowed", "you may only submit requests for your own enterprise",
                            "只能为本企业提交诉求");
  }
  intake.now = clock_.Now();
  return intake;
}

Result<StoredRequest> RequestService::SubmitInTx(Tx& tx, const access::Actor& actor, const SubmitInput& in,
                                                 const Intake& intake, std::string_view http_request_id) {
  const requests::Actor who = ToDomainActor(actor);
  const std::optional<int64_t>& enterprise_id = intake.enterprise_id;
  const requests::Channel channel = intake.channel;
  const Instant now = intake.now;
  ZT_ASSIGN_OR_RETURN(auto category, LoadCategory(tx, in.category_code));
  if (!category || !category->active) {
    return FieldInvalid("category_code", "unknown category \"" + in.category_code + "\"",
                        "未知的诉求类别“" + in.category_code + "”");
  }
  std::optional<int64_t> region_id, liaison_id;
  if (enterprise_id) {
    ZT_ASSIGN_OR_RETURN(auto region, EnterpriseRegion(tx, *enterprise_id));
    if (!region) {
      return FieldInvalid("enterprise_id", "there is no enterprise " + std::to_string(*enterprise_id),
                          "没有编号为 " + std::to_string(*enterprise_id) + " 的企业");
    }
    region_id = *region;
    ZT_ASSIGN_OR_RETURN(liaison_id, EnterpriseLiaison(tx, *enterprise_id));
  }
  ZT_ASSIGN_OR_RETURN(int64_t id, InsertRequestRow(tx, actor.user_id, enterprise_id, region_id, liaison_id,
                                                        category->policy(), now));
  if (in.also_write) ZT_TRY(in.also_write(tx, id));
  requests::NewRequest n;
  n.id = IdText(id);
  n.submitter_id = IdText(actor.user_id);
  if (enterprise_id) n.enterprise_id = IdText(*enterprise_id);
  n.channel = channel;
  n.kind = in.kind;
  n.category_code = in.category_code;
  n.title = in.title;
  n.description = in.description;
  n.location = in.location;
  n.priority = in.priority;
  if (liaison_id) n.liaison_id = IdText(*liaison_id);
  ZT_ASSIGN_OR_RETURN(requests::Event event, requests::Submit(n, who, now));
  const requests::Request r = requests::Apply(requests::Request{}, event);
  ZT_TRY(AppendEvent(tx, id, event));
  ZT_TRY(IndexEvents(tx, id, std::span<const requests::Event>(&event, 1)));
  ZT_ASSIGN_OR_RETURN(Deadlines d, ComputeDeadlines(*Calendar(), r, category->policy(), now));
  ZT_TRY(SaveProjection(tx, id, r, d, 0, now));
  ZT_TRY(access::RecordAudit(tx, actor, now, "submit", "request", n.id, nullptr, AuditState(r), http_request_id));
  ZT_ASSIGN_OR_RETURN(auto row, LoadRequest(tx, id, kEverything));
  if (!row) return Error::Internal("request.lost", "a request vanished in its own transaction");
  ZT_TRY(Notify(tx, std::nullopt, *row, std::span<const requests::Event>(&event, 1), d, actor, now));
  return std::move(*row);
}

Result<RequestView> RequestService::Submit(const access::Actor& actor, const SubmitInput& in,
                                           std::string_view http_request_id) {
  ZT_ASSIGN_OR_RETURN(const Intake intake, PrepareSubmit(actor, in));
  auto stored =
      db_.WriteValue([&](Tx& tx) { return SubmitInTx(tx, actor, in, intake, http_request_id); });
  if (!stored) return stored.error();
  return View(std::move(*stored), actor, intake.now);
}

void RequestService::SubmitAsync(const access::Actor& actor, SubmitInput in, std::string http_request_id,
                                 std::function<void(Result<RequestView>)> done) {
  auto intake = PrepareSubmit(actor, in);
  if (!intake) {
    done(intake.error());
    return;
  }
  // What the transaction needs outlives this call: the writer thread runs it later.
  struct Pending {
    access::Actor actor;
    SubmitInput in;
    std::string http_request_id;
    Intake intake;
    std::optional<StoredRequest> stored;
  };
  auto pending = std::make_shared<Pending>(Pending{actor, std::move(in), std::move(http_request_id), *intake, {}});
  db_.WriteAsync(
      [this, pending](Tx& tx) -> Result<void> {
        ZT_ASSIGN_OR_RETURN(StoredRequest stored,
                            SubmitInTx(tx, pending->actor, pending->in, pending->intake, pending->http_request_id));
        pending->stored = std::move(stored);
        return Ok();
      },
      [this, pending, done = std::move(done)](Result<void> st) {
        if (!st) {
          done(st.error());
          return;
        }
        done(View(std::move(*pending->stored), pending->actor, pending->intake.now));
      });
}

Result<requests::Command> RequestService::MakeCommand(Tx& tx, const requests::Request& r, const ActInput& in,
                                                      const access::Actor& actor) {
  requests::Command c;
  c.action = in.action;
  c.expected_version = in.version;
  c.note = in.note;
  c.rating = in.rating;
  c.upheld = in.upheld;
  c.escalation = in.escalation;
  // An attachment does not depend on what else happened to the request: unless the caller names a
  // version, it goes onto the timeline as it stands.
  if (in.action == Action::kAttach && in.version == 0) c.expected_version = r.version;
  // Refusals that do not depend on the input come first, with the domain's own errors.
  if (c.expected_version != r.version || !requests::IsAllowedInStatus(r.status, in.action) ||
      requests::TransitionsFor(r, in.action, ToDomainActor(actor)).empty()) {
    ZT_ASSIGN_OR_RETURN(auto ignored, requests::Decide(r, c, ToDomainActor(actor), clock_.Now()));
    (void)ignored;
  }
  const bool uses_category = in.action == Action::kAccept || in.action == Action::kRoute;
  std::string category_code = r.category_code;
  if (uses_category && in.category_code) {
    ZT_ASSIGN_OR_RETURN(auto category, LoadCategory(tx, *in.category_code));
    if (!category || !category->active) {
      return FieldInvalid("category_code", "unknown category \"" + *in.category_code + "\"",
                          "未知的诉求类别“" + *in.category_code + "”");
    }
    c.category_code = *in.category_code;
    category_code = *in.category_code;
  }
  const bool uses_department =
      in.action == Action::kRoute || in.action == Action::kTransfer || in.action == Action::kAddCohandler;
  if (uses_department) {
    std::optional<int64_t> dept = in.department_id;
    if (!dept && in.action == Action::kRoute && !category_code.empty()) {
      ZT_ASSIGN_OR_RETURN(auto category, LoadCategory(tx, category_code));
      if (category) dept = category->department_id;  // the catalogue's default department
    }
    if (dept) {
      ZT_ASSIGN_OR_RETURN(bool exists, DepartmentExists(tx, *dept));
      if (!exists) {
        return FieldInvalid("department_id", "there is no department " + std::to_string(*dept),
                            "没有编号为 " + std::to_string(*dept) + " 的部门");
      }
      c.department = IdText(*dept);
    }
  }
  if (in.action == Action::kAttach) {
    if (!in.attachment) return Error::Invalid("request.attachment_required", "a file to attach is required", "须提供要添加的附件");
    if (r.attachment_count >= attachment_limits_.max_per_request) return TooManyAttachments(attachment_limits_);
    StoredAttachment row;
    row.request_id = *IdValue(r.id);
    row.seq = r.version + 1;  // the attach event Decide is about to make
    row.file_name = in.attachment->name;
    row.media_type = in.attachment->media_type;
    row.size = in.attachment->size;
    row.sha256 = in.attachment->sha256;
    row.uploaded_by = actor.user_id;
    row.uploaded_at = clock_.Now();
    ZT_ASSIGN_OR_RETURN(int64_t attachment_id, InsertAttachment(tx, row));
    c.attachment = requests::AttachmentRef{IdText(attachment_id), row.file_name, row.media_type, row.size, row.sha256};
  }
  if (in.action == Action::kMerge && in.target_id) {
    ZT_ASSIGN_OR_RETURN(auto target, LoadRequest(tx, *in.target_id, ScopeClause(actor)));
    if (!target) {
      return FieldInvalid("target_id", "there is no request " + std::to_string(*in.target_id) + " to merge into",
                          "没有编号为 " + std::to_string(*in.target_id) + " 的诉求可并入");
    }
    c.merge_target = requests::MergeTarget{target->request.id, target->request.status, target->request.submitted_at};
  }
  return c;
}

Result<RequestView> RequestService::Act(const access::Actor& actor, int64_t id, const ActInput& in,
                                        std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  const Instant now = clock_.Now();
  const Clause scope = ScopeClause(actor);
  auto stored = db_.WriteValue([&](Tx& tx) -> Result<StoredRequest> {
    ZT_ASSIGN_OR_RETURN(auto row, LoadRequest(tx, id, scope));
    if (!row) return RequestNotFound(id);
    ZT_ASSIGN_OR_RETURN(auto events, LoadEvents(tx, id));
    ZT_ASSIGN_OR_RETURN(requests::Request r, requests::Replay(events));
    if (r.version != row->request.version) {
      return Error::Internal("request.projection_stale",
                             "request " + std::to_string(id) + " row and timeline disagree on its version");
    }
    const requests::Request before = r;
    ZT_ASSIGN_OR_RETURN(Deadlines before_deadlines, ComputeDeadlines(*Calendar(), before, row->policy, now));
    ZT_ASSIGN_OR_RETURN(requests::Command command, MakeCommand(tx, r, in, actor));
    ZT_ASSIGN_OR_RETURN(auto new_events, requests::Decide(r, command, ToDomainActor(actor), now));
    for (const auto& e : new_events) {
      ZT_TRY(AppendEvent(tx, id, e));
      r = requests::Apply(std::move(r), e);
    }
    ZT_TRY(IndexEvents(tx, id, new_events));
    // Another category brings its policy as the catalogue has it now; otherwise the request
    // keeps the one it was filed under.
    DeadlinePolicy policy = row->policy;
    if (r.category_code != before.category_code) {
      ZT_ASSIGN_OR_RETURN(auto category, LoadCategory(tx, r.category_code));
      if (category) {
        policy = category->policy();
        ZT_TRY(SavePolicy(tx, id, policy));
      }
    }
    ZT_ASSIGN_OR_RETURN(Deadlines d, ComputeDeadlines(*Calendar(), r, policy, now));
    ZT_TRY(SaveProjection(tx, id, r, d, before.version, now));
    nlohmann::json audit_after = AuditState(r);
    if (command.attachment) {
      audit_after["attachment"] = {{"id", command.attachment->id},
                                   {"name", command.attachment->name},
                                   {"media_type", command.attachment->media_type},
                                   {"size", command.attachment->size},
                                   {"sha256", command.attachment->sha256}};
    }
    ZT_TRY(access::RecordAudit(tx, actor, now, requests::Name(in.action), "request", r.id, AuditState(before),
                               audit_after, http_request_id));
    ZT_ASSIGN_OR_RETURN(auto after, LoadRequest(tx, id, kEverything));
    if (!after) return Error::Internal("request.lost", "a request vanished in its own transaction");
    ZT_TRY(Notify(tx, before, *after, new_events, d, actor, now, before_deadlines));
    return std::move(*after);
  });
  if (!stored) return stored.error();
  return View(std::move(*stored), actor, now);
}

Result<void> RequestService::Notify(Tx& tx, const std::optional<requests::Request>& before,
                                    const StoredRequest& after, std::span<const requests::Event> events,
                                    const Deadlines& deadlines, const access::Actor& actor, Instant at,
                                    std::optional<Deadlines> before_deadlines) {
  const RequestChange change{before, after, events, deadlines, actor, at, std::move(before_deadlines)};
  for (RequestObserver* o : observers_) ZT_TRY(o->OnChange(tx, change));
  return Ok();
}

Result<RequestView> RequestService::Get(const access::Actor& actor, int64_t id) {
  const Clause scope = ScopeClause(actor);
  auto stored = db_.ReadValue([&](Tx& tx) { return LoadRequest(tx, id, scope); });
  if (!stored) return stored.error();
  if (!*stored) return RequestNotFound(id);
  return View(std::move(**stored), actor, clock_.Now());
}

Result<Timeline> RequestService::Events(const access::Actor& actor, int64_t id) {
  const Clause scope = ScopeClause(actor);
  return db_.ReadValue([&](Tx& tx) -> Result<Timeline> {
    ZT_ASSIGN_OR_RETURN(auto row, LoadRequest(tx, id, scope));
    if (!row) return RequestNotFound(id);
    Timeline t;
    ZT_ASSIGN_OR_RETURN(t.events, LoadEvents(tx, id));
    if (auto st = requests::VerifyChain(t.events); !st) {
      t.chain_valid = false;
      t.chain_error = st.error().message;
    }
    return t;
  });
}

Result<std::vector<SimilarMatch>> RequestService::Similar(const access::Actor& actor, const std::string& title,
                                                          const std::string& description,
                                                          std::optional<int64_t> enterprise_id) {
  if (!enterprise_id && actor.role == access::Role::kEnterprise) enterprise_id = actor.enterprise_id;
  const Clause scope = ScopeClause(actor);
  constexpr int kCandidates = 500;
  auto candidates = db_.ReadValue([&](Tx& tx) -> Result<std::vector<StoredRequest>> {
    std::optional<int64_t> region_id;
    if (enterprise_id) {
      // An enterprise outside the actor's scope is "unknown", like one that does not exist.
      ZT_ASSIGN_OR_RETURN(auto region, VisibleEnterpriseRegion(tx, *enterprise_id, actor));
      if (!region) {
        return FieldInvalid("enterprise_id", "there is no enterprise " + std::to_string(*enterprise_id),
                            "没有编号为 " + std::to_string(*enterprise_id) + " 的企业");
      }
      region_id = *region;
      return LoadSimilarCandidates(tx, enterprise_id, region_id, scope, kCandidates);
    }
    // Without an enterprise (a citizen, or a dispatcher who has not chosen one): every open
    // request in scope.
    std::vector<storage::Value> params = scope.params;
    params.emplace_back(int64_t{kCandidates});
    return LoadRequests(tx,
                        "WHERE r.status NOT IN ('closed', 'rejected', 'withdrawn', 'merged') AND " + scope.sql +
                            " ORDER BY r.submitted_at DESC, r.id DESC LIMIT ?",
                        params);
  });
  if (!candidates) return candidates.error();
  std::vector<requests::SimilarityCandidate> texts;
  texts.reserve(candidates->size());
  for (const auto& c : *candidates) texts.push_back({c.request.id, c.request.title + " " + c.request.description});
  constexpr double kThreshold = 0.2;
  const auto ranked = requests::RankSimilar(title + " " + description, texts, 10, kThreshold);
  const Instant now = clock_.Now();
  std::vector<SimilarMatch> out;
  for (const auto& m : ranked) {
    for (auto& c : *candidates) {
      if (c.request.id != m.id) continue;
      ZT_ASSIGN_OR_RETURN(RequestView v, View(c, actor, now));
      out.push_back({std::move(v), m.score});
      break;
    }
  }
  return out;
}

}  // namespace zhitong::requests_service
