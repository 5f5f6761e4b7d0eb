// Attachments end to end over real HTTP: upload (the body is the file), list and download with
// the bytes unchanged, the type judged by content (an ELF or HTML named .pdf is refused), the size
// limit, one stored copy of the same content, and another enterprise answered 404 exactly as for
// a request that does not exist.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/requests_test_util.h"

namespace zhitong::testing {
namespace {

using nlohmann::json;

std::string Sha256Hex(const std::string& bytes) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  std::string out;
  for (unsigned char b : d) {
    static const char* hex = "0123456789abcdef";
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

// A PDF with binary bytes in it (as real PDFs have), so that a byte-for-byte comparison means something.
std::string Pdf(const std::string& text) {
  std::string s = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n% " + text + "\n";
  for (int i = 0; i < 256; ++i) s += static_cast<char>(i);
  return s + "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}

class AttachmentsApiTest : public RequestsApiTest {
 protected:
  void SetUp() override {
    StartServer("attach", "2025-03-03T10:00:00", {"--max-upload-bytes", "65536", "--attachments-per-request", "4"});
  }
  HttpResult Upload(const std::string& who, int64_t id, const std::string& name, const std::string& bytes,
                    const std::string& content_type = "application/octet-stream") {
    auto headers = Bearer(tokens_.at(who));
    headers.emplace_back("Content-Type", content_type);
    return server_->client().Send("POST",
                                  "/api/v1/requests/" + std::to_string(id) + "/attachments?name=" + UrlEncode(name),
                                  bytes, headers);
  }
  int64_t NewRequest(const std::string& who, const std::string& title) {
    json r = Submit(who, "2025-03-03T10:00:00",
                    {{"kind", "problem"}, {"category_code", "labour"}, {"title", title}, {"description", title + "，请协调。"}});
    return r.value("id", int64_t{0});
  }
  size_t StoredBlobs() {
    size_t n = 0;
    const auto root = server_->dir() / "attachments";
    if (!std::filesystem::exists(root)) return 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      n += e.is_regular_file() && e.path().parent_path().filename() != "tmp" ? 1 : 0;
    }
    return n;
  }
};

TEST_F(AttachmentsApiTest, UploadListAndDownloadTheSameBytes) {
  const int64_t id = NewRequest("ent1", "用电报装");
  const std::string pdf = Pdf("营业执照");
  auto up = Upload("ent1", id, "营业执照 (2025).pdf", pdf, "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  const json a = JsonBody(up)["attachment"];
  EXPECT_EQ(a["name"], "营业执照 (2025).pdf");
  EXPECT_EQ(a["media_type"], "application/pdf");
  EXPECT_EQ(a["size"], pdf.size());
  EXPECT_EQ(a["sha256"], Sha256Hex(pdf));
  EXPECT_EQ(a["uploaded_at"], "2025-03-03T10:00:00+08:00");
  EXPECT_EQ(up.Header("location"), a["url"]);
  const json req = JsonBody(up)["request"];
  EXPECT_EQ(req["attachment_count"], 1);
  EXPECT_EQ(req["version"], 2);
  EXPECT_EQ(req["status"], "submitted");
  EXPECT_TRUE(req["can_attach"].get<bool>());

  auto down = Get("ent1", a["url"].get<std::string>());
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, pdf);
  EXPECT_EQ(down.Header("content-type"), "application/pdf");
  EXPECT_EQ(down.Header("x-content-type-options"), "nosniff");
  // 营 E8 90 A5, 业 E4 B8 9A …: the UTF-8 name percent-encoded, and an ASCII fallback.
  EXPECT_EQ(down.Header("content-disposition"),
            "attachment; filename=\"____________ (2025).pdf\"; "
            "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%282025%29.pdf");

  const json list = JsonBody(Get("dispatcher", "/api/v1/requests/" + std::to_string(id) + "/attachments"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["id"], a["id"]);
  EXPECT_EQ(list["items"][0]["uploader_name"], "ent1.user");
  EXPECT_EQ(list["limits"]["max_bytes"], 65536);
  EXPECT_EQ(list["limits"]["max_count"], 4);

  const json events = JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id) + "/events"));
  EXPECT_TRUE(events["chain_valid"].get<bool>());
  ASSERT_EQ(events["items"].size(), 2u);
  EXPECT_EQ(events["items"][1]["action"], "attach");
  EXPECT_EQ(events["items"][1]["action_zh"], "添加附件");
  EXPECT_EQ(events["items"][1]["payload"]["sha256"], Sha256Hex(pdf));
  EXPECT_EQ(events["items"][1]["payload"]["attachment_id"], std::to_string(a["id"].get<int64_t>()));

  // UTF-8 text is served as such; the same PDF on another request is stored once.
  auto text = Upload("ent1", id, "说明.txt", "停电时间：每周三上午\n");
  ASSERT_EQ(text.status, 201) << text.body;
  EXPECT_EQ(Get("ent1", JsonBody(text)["attachment"]["url"].get<std::string>()).Header("content-type"),
            "text/plain; charset=utf-8");
  const int64_t other = NewRequest("ent1", "第二件诉求");
  auto again = Upload("ent1", other, "副本.pdf", pdf);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(JsonBody(again)["attachment"]["sha256"], a["sha256"]);
  EXPECT_EQ(StoredBlobs(), 2u);  // the PDF once, the text once
  // Attach is not an /actions call.
  EXPECT_EQ(Act("ent1", id, "attach", "2025-03-03T10:05:00").status, 404);
}

TEST_F(AttachmentsApiTest, TheTypeIsReadFromTheContentNotTheName) {
  const int64_t id = NewRequest("ent1", "用电报装");
  // The head of a real executable (the test's own), not the whole of it: a sanitizer build is huge.
  std::ifstream self("/proc/self/exe", std::ios::binary);
  std::string elf(8192, '\0');
  self.read(elf.data(), static_cast<std::streamsize>(elf.size()));
  ASSERT_EQ(self.gcount(), 8192);
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"合同.pdf", elf},
           {"report.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"},
           {"photo.png", "#!/bin/sh\nrm -rf /\n"},
       }) {
    auto r = Upload("ent1", id, name, bytes, "application/pdf");
    EXPECT_EQ(r.status, 415) << name << ": " << r.body;
    const json e = JsonBody(r)["error"];
    EXPECT_EQ(e["code"], "attachment.type_not_allowed");
    EXPECT_FALSE(e["message"].get<std::string>().empty());
    EXPECT_NE(e["message_zh"].get<std::string>().find("不接受"), std::string::npos);
  }
  auto big = Upload("ent1", id, "big.pdf", Pdf(std::string(70000, 'x')));
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_EQ(JsonBody(big)["error"]["code"], "http.body_too_large");
  EXPECT_NE(JsonBody(big)["error"]["message_zh"].get<std::string>().find("65536"), std::string::npos);
  EXPECT_EQ(JsonBody(Upload("ent1", id, "a.pdf", ""))["error"]["code"], "attachment.empty");
  auto unnamed = Upload("ent1", id, "", Pdf("x"));
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_EQ(JsonBody(unnamed)["error"]["code"], "attachment.name_required");
  // Nothing of the refused files was kept.
  EXPECT_TRUE(JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id) + "/attachments"))["items"].empty());
  EXPECT_EQ(JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id)))["version"], 1);
  EXPECT_EQ(StoredBlobs(), 0u);
}

TEST_F(AttachmentsApiTest, AnotherEnterpriseIsAnsweredAsIfThereWereNoRequest) {
  const int64_t id = NewRequest("ent1", "用电报装");
  auto up = Upload("ent1", id, "a.pdf", Pdf("a"));
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string aid = std::to_string(JsonBody(up)["attachment"]["id"].get<int64_t>());
  const std::string known = "/api/v1/requests/" + std::to_string(id);
  const std::string unknown = "/api/v1/requests/999999";
  for (const auto& [who, base] : std::vector<std::pair<std::string, std::string>>{
           {"ent2", known}, {"hr", known}, {"ent1", unknown}}) {
    for (const auto& r : {Get(who, base + "/attachments"), Get(who, base + "/attachments/" + aid),
                          Upload(who, base == known ? id : 999999, "b.pdf", Pdf("b"))}) {
      EXPECT_EQ(r.status, 404) << who << " " << base << ": " << r.body;
      EXPECT_EQ(JsonBody(r)["error"]["code"], "request.not_found") << who << " " << base;
    }
  }
  EXPECT_EQ(JsonBody(Get("ent1", known + "/attachments/999999"))["error"]["code"], "attachment.not_found");
  EXPECT_EQ(server_->client().Get(known + "/attachments/" + aid).status, 401);
}

TEST_F(AttachmentsApiTest, WhoMayAttachFollowsTheStateAndTheLimit) {
  const int64_t id = NewRequest("ent1", "用电报装");
  ASSERT_EQ(Upload("dispatcher", id, "登记表.pdf", Pdf("登记")).status, 201);
  Must("dispatcher", id, "accept", "2025-03-03T10:10:00");
  Must("dispatcher", id, "route", "2025-03-03T10:20:00", {{"department_id", 2}});
  auto early = Upload("gx", id, "依据.pdf", Pdf("依据"));
  EXPECT_EQ(early.status, 403) << early.body;
  EXPECT_EQ(JsonBody(early)["error"]["code"], "request.not_allowed");
  EXPECT_FALSE(JsonBody(Get("gx", "/api/v1/requests/" + std::to_string(id)))["can_attach"].get<bool>());
  Must("gx", id, "sign", "2025-03-03T10:30:00");
  EXPECT_EQ(Upload("gx", id, "依据.pdf", Pdf("依据")).status, 201);
  EXPECT_EQ(Upload("ent1", id, "补充.pdf", Pdf("补充")).status, 201);
  EXPECT_EQ(Upload("ent1", id, "补充2.pdf", Pdf("补充2")).status, 201);
  auto fifth = Upload("ent1", id, "补充3.pdf", Pdf("补充3"));
  EXPECT_EQ(fifth.status, 409) << fifth.body;
  EXPECT_EQ(JsonBody(fifth)["error"]["code"], "attachment.too_many");
  EXPECT_FALSE(JsonBody(Get("ent1", "/api/v1/requests/" + std::to_string(id)))["can_attach"].get<bool>());
}

}  // namespace
}  // namespace zhitong::testing
