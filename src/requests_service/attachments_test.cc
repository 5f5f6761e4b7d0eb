// Attachments through the requests service on both backends: the attach event, the row and the
// audit entry commit together; the bytes are stored once per content; the type is judged by
// content; limits; and only those who may see a request see its files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "attachments/test_files.h"
#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

namespace fs = std::filesystem;
namespace tf = attachments::testfiles;
using requests::Action;

class AttachmentsTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    static int counter = 0;
    root_ = fs::temp_directory_path() / ("zhitong_attach_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    fs::remove_all(root_);
    auto store = attachments::BlobStore::Open(root_.string());
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    service_->EnableAttachments(*store_, {.max_bytes = 4096, .max_per_request = 3});
  }
  void TearDown() override {
    ServiceTest::TearDown();
    if (!root_.empty()) fs::remove_all(root_);
  }
  size_t Blobs() {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(root_)) {
      n += e.is_regular_file() && e.path().parent_path().filename() != "tmp" ? 1 : 0;
    }
    return n;
  }
  Result<AttachResult> Attach(const access::Actor& who, int64_t id, const std::string& name, const std::string& bytes) {
    AttachInput in;
    in.name = name;
    in.bytes = bytes;
    return service_->Attach(who, id, in);
  }
  std::string Code(const Result<AttachResult>& r) { return r ? "ok" : r.error().code; }

  fs::path root_;
  std::unique_ptr<attachments::BlobStore> store_;
};

TEST_P(AttachmentsTest, AttachRecordsEventRowAndAuditAndStoresTheContentOnce) {
  auto v = SubmitAt(ent1_, Input("用电报装"), At("2025-03-03T10:00:00"));
  const std::string pdf = tf::Pdf("营业执照");
  auto a = Attach(ent1_, v.stored.id, "营业执照.pdf", pdf);
  ASSERT_TRUE(a) << a.error().ToString();
  EXPECT_EQ(a->attachment.file_name, "营业执照.pdf");
  EXPECT_EQ(a->attachment.media_type, "application/pdf");
  EXPECT_EQ(a->attachment.size, static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(a->attachment.sha256, attachments::Sha256Hex(pdf));
  EXPECT_EQ(a->attachment.uploaded_by, 5);
  EXPECT_EQ(a->attachment.uploaded_at, At("2025-03-03T10:00:00"));
  EXPECT_EQ(a->request.stored.request.version, 2);
  EXPECT_EQ(a->request.stored.request.status, requests::Status::kSubmitted);
  EXPECT_EQ(a->request.stored.request.attachment_count, 1);

  auto timeline = service_->Events(ent1_, v.stored.id);
  ASSERT_TRUE(timeline);
  EXPECT_TRUE(timeline->chain_valid);
  ASSERT_EQ(timeline->events.size(), 2u);
  const auto& e = timeline->events[1];
  EXPECT_EQ(e.type, Action::kAttach);
  EXPECT_EQ(e.Get("attachment_id"), std::to_string(a->attachment.id));
  EXPECT_EQ(e.Get("sha256"), a->attachment.sha256);
  EXPECT_EQ(e.Get("media_type"), "application/pdf");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'request' AND action = 'attach'"), 1);

  // The same bytes again, under another name and by a colleague-free second request: one blob.
  auto w = SubmitAt(ent1_, Input("第二件诉求"), At("2025-03-03T11:00:00"));
  auto again = Attach(ent1_, w.stored.id, "副本.pdf", pdf);
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ(again->attachment.sha256, a->attachment.sha256);
  EXPECT_NE(again->attachment.id, a->attachment.id);
  EXPECT_EQ(Blobs(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_attachments"), 2);

  auto got = service_->Download(ent1_, v.stored.id, a->attachment.id);
  ASSERT_TRUE(got) << got.error().ToString();
  EXPECT_EQ(got->bytes, pdf);
  EXPECT_EQ(got->attachment.file_name, "营业执照.pdf");
  // An attachment of another request is not found through this one.
  EXPECT_EQ(service_->Download(ent1_, v.stored.id, again->attachment.id).error().code, "attachment.not_found");
  auto list = service_->Attachments(ent1_, v.stored.id);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].uploader_name, "华光陶瓷");
}

TEST_P(AttachmentsTest, TheTypeIsJudgedByContentAndARefusalWritesNothing) {
  auto v = SubmitAt(ent1_, Input("用电报装"), At("2025-03-03T10:00:00"));
  // The head of a real executable (the test's own), not the whole of it: a sanitizer build is huge.
  std::ifstream self("/proc/self/exe", std::ios::binary);
  std::string elf(4000, '\0');
  self.read(elf.data(), static_cast<std::streamsize>(elf.size()));
  ASSERT_EQ(self.gcount(), 4000);
  EXPECT_EQ(Code(Attach(ent1_, v.stored.id, "合同.pdf", elf)), "attachment.type_not_allowed");
  EXPECT_EQ(Code(Attach(ent1_, v.stored.id, "合同.pdf", tf::Html())), "attachment.type_not_allowed");
  EXPECT_EQ(Code(Attach(ent1_, v.stored.id, "a.pdf", "")), "attachment.empty");
  EXPECT_EQ(Code(Attach(ent1_, v.stored.id, "a\x01.pdf", tf::Pdf())), "attachment.name_invalid");
  EXPECT_EQ(Code(Attach(ent1_, v.stored.id, "big.pdf", tf::Pdf(std::string(5000, 'x')))), "attachment.too_large");
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_attachments"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_events"), 1);
  EXPECT_EQ(Blobs(), 0u);
  // A PNG is a PNG whatever it is called; it is served as what it is.
  auto png = Attach(ent1_, v.stored.id, "照片.pdf", tf::Png());
  ASSERT_TRUE(png) << png.error().ToString();
  EXPECT_EQ(png->attachment.media_type, "image/png");
}

TEST_P(AttachmentsTest, OnlyThoseWhoMaySeeTheRequestAndOnlyWhileTheTableAllows) {
  auto v = SubmitAt(ent1_, Input("用电报装"), At("2025-03-03T10:00:00"));
  const int64_t id = v.stored.id;
  ASSERT_TRUE(Attach(ent1_, id, "a.txt", "说明"));
  // Another enterprise: as if the request did not exist, for every call.
  EXPECT_EQ(Code(Attach(ent2_, id, "b.pdf", tf::Pdf())), "request.not_found");
  EXPECT_EQ(service_->Attachments(ent2_, id).error().code, "request.not_found");
  auto list = service_->Attachments(ent1_, id);
  ASSERT_TRUE(list && list->size() == 1u);
  EXPECT_EQ(service_->Download(ent2_, id, (*list)[0].id).error().code, "request.not_found");
  EXPECT_EQ(service_->Download(ent2_, 999999, (*list)[0].id).error().code, "request.not_found");
  EXPECT_TRUE(service_->Get(ent1_, id)->can_attach);
  EXPECT_FALSE(service_->Get(city_leader_, id)->can_attach);
  EXPECT_TRUE(service_->Get(dispatcher_, id)->can_attach);
  const auto actions = service_->Get(ent1_, id)->allowed_actions;  // what POST …/actions takes: no attach
  EXPECT_TRUE(std::find(actions.begin(), actions.end(), Action::kAttach) == actions.end());
  // A city leader sees it but does not handle it; the dispatcher adds papers at intake.
  EXPECT_EQ(Code(Attach(city_leader_, id, "c.pdf", tf::Pdf())), "request.not_allowed");
  EXPECT_TRUE(service_->Download(city_leader_, id, (*list)[0].id));
  EXPECT_EQ(Code(Attach(dispatcher_, id, "登记表.pdf", tf::Pdf("登记"))), "ok");
  // Routed to the Industry Bureau: its handler may attach once signed, the HR handler never sees it.
  ActInput route;
  route.department_id = 2;
  ASSERT_TRUE(Do(dispatcher_, id, Action::kAccept, At("2025-03-03T11:00:00")));
  ASSERT_TRUE(Do(dispatcher_, id, Action::kRoute, At("2025-03-03T11:10:00"), route));
  EXPECT_EQ(Code(Attach(gx_, id, "d.pdf", tf::Pdf())), "request.not_allowed");  // not signed yet
  EXPECT_EQ(Code(Attach(hr_, id, "d.pdf", tf::Pdf())), "request.not_found");
  ASSERT_TRUE(Do(gx_, id, Action::kSign, At("2025-03-03T11:20:00")));
  // Third file: the limit (3 in this test) is reached, whoever tries next.
  EXPECT_EQ(Code(Attach(gx_, id, "答复依据.pdf", tf::Pdf("依据"))), "ok");
  EXPECT_EQ(Code(Attach(ent1_, id, "more.pdf", tf::Pdf("more"))), "attachment.too_many");
  EXPECT_FALSE(service_->Get(ent1_, id)->can_attach);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_attachments"), 3);
}

TEST_P(AttachmentsTest, ClosedRequestsTakeNoMoreFilesAndAStaleVersionIsRefused) {
  auto v = SubmitAt(ent1_, Input("用电报装"), At("2025-03-03T10:00:00"));
  AttachInput in;
  in.name = "a.pdf";
  const std::string pdf = tf::Pdf();
  in.bytes = pdf;
  in.version = 7;
  EXPECT_EQ(service_->Attach(ent1_, v.stored.id, in).error().code, "request.version_conflict");
  ASSERT_TRUE(Do(ent1_, v.stored.id, Action::kWithdraw, At("2025-03-03T10:30:00")));
  EXPECT_EQ(Code(Attach(ent1_, v.stored.id, "a.pdf", pdf)), "request.invalid_transition");
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentsTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
