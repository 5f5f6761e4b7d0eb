// RequestService's attachments: the checks before anything is written, the blob, then the
// attach action through Act (one transaction: event, attachment row, projection, audit, observers).
#include "attachments/file_name.h"
#include "attachments/media_type.h"
#include "requests/transitions.h"
#include "requests_service/permissions.h"
#include "requests_service/request_service.h"

namespace zhitong::requests_service {
namespace {

using requests::Action;
using storage::Tx;

Error Disabled() {
  return Error::Unavailable("attachment.disabled", "attachments are not enabled on this server",
                            "本服务器未启用附件功能");
}

Error TooLarge(int64_t max_bytes) {
  const std::string mib = std::to_string(max_bytes / (1 << 20));
  const std::string exact = std::to_string(max_bytes);
  return Error::TooLarge("attachment.too_large",
                         "the file is larger than the limit of " + exact + " bytes (" + mib + " MiB)",
                         "文件超过 " + exact + " 字节（" + mib + " MiB）的上限");
}

}  // namespace

Result<AttachResult> RequestService::Attach(const access::Actor& actor, int64_t id, const AttachInput& input,
                                            std::string_view http_request_id) {
  ZT_TRY(access::RequireWriteScope(actor));
  if (blobs_ == nullptr) return Disabled();
  // Who may attach, before the file is looked at: an unknown or unseen request is not found, and
  // an actor the table refuses hears the domain's reason, whatever they sent.
  const Clause scope = ScopeClause(actor);
  auto row = db_.ReadValue([&](Tx& tx) { return LoadRequest(tx, id, scope); });
  if (!row) return row.error();
  if (!*row) return RequestNotFound(id);
  const requests::Request& r = (*row)->request;
  const requests::Actor who = ToDomainActor(actor);
  if (!requests::IsAllowedInStatus(r.status, Action::kAttach) ||
      requests::TransitionsFor(r, Action::kAttach, who).empty()) {
    requests::Command probe;
    probe.action = Action::kAttach;
    probe.expected_version = r.version;
    ZT_ASSIGN_OR_RETURN(auto ignored, requests::Decide(r, probe, who, clock_.Now()));
    (void)ignored;
  }
  if (r.attachment_count >= attachment_limits_.max_per_request) return TooManyAttachments(attachment_limits_);
  if (static_cast<int64_t>(input.bytes.size()) > attachment_limits_.max_bytes) {
    return TooLarge(attachment_limits_.max_bytes);
  }
  ZT_ASSIGN_OR_RETURN(std::string name, attachments::CleanFileName(input.name));
  ZT_ASSIGN_OR_RETURN(std::string media_type, attachments::CheckContent(input.bytes));
  // Durable before the row that names it (blob_store.h).
  ZT_ASSIGN_OR_RETURN(std::string sha256, blobs_->Put(input.bytes));

  ActInput act;
  act.action = Action::kAttach;
  act.version = input.version.value_or(0);
  act.note = input.note;
  act.attachment = NewAttachment{name, media_type, static_cast<int64_t>(input.bytes.size()), sha256};
  ZT_ASSIGN_OR_RETURN(RequestView view, Act(actor, id, act, http_request_id));
  // The attach event is the last of the view's timeline: its seq names the row written with it.
  const int64_t seq = view.stored.request.version;
  auto attached = db_.ReadValue([&](Tx& tx) { return LoadAttachmentBySeq(tx, id, seq); });
  if (!attached) return attached.error();
  if (!*attached) return Error::Internal("attachment.lost", "the attachment row of request " + IdText(id) + " is missing");
  return AttachResult{std::move(**attached), std::move(view)};
}

Result<std::vector<StoredAttachment>> RequestService::Attachments(const access::Actor& actor, int64_t id) {
  const Clause scope = ScopeClause(actor);
  return db_.ReadValue([&](Tx& tx) -> Result<std::vector<StoredAttachment>> {
    ZT_ASSIGN_OR_RETURN(auto row, LoadRequest(tx, id, scope));
    if (!row) return RequestNotFound(id);
    return LoadAttachments(tx, id);
  });
}

Result<AttachmentContent> RequestService::Download(const access::Actor& actor, int64_t id, int64_t attachment_id) {
  if (blobs_ == nullptr) return Disabled();
  const Clause scope = ScopeClause(actor);
  auto meta = db_.ReadValue([&](Tx& tx) -> Result<StoredAttachment> {
    ZT_ASSIGN_OR_RETURN(auto row, LoadRequest(tx, id, scope));
    if (!row) return RequestNotFound(id);
    ZT_ASSIGN_OR_RETURN(auto a, LoadAttachment(tx, id, attachment_id));
    if (!a) {
      return Error::NotFound("attachment.not_found",
                             "request " + IdText(id) + " has no attachment " + IdText(attachment_id),
                             "诉求 " + IdText(id) + " 没有编号为 " + IdText(attachment_id) + " 的附件");
    }
    return std::move(*a);
  });
  if (!meta) return meta.error();
  ZT_ASSIGN_OR_RETURN(std::string bytes, blobs_->Get(meta->sha256));
  return AttachmentContent{std::move(*meta), std::move(bytes)};
}

}  // namespace zhitong::requests_service
