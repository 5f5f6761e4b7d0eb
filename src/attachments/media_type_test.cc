// The type check reads content, not names: real PDF, image, text and Office bytes pass; an
// executable, a script, HTML, SVG and a plain ZIP are refused whatever they are called.
#include "attachments/media_type.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "attachments/test_files.h"

namespace zhitong::attachments {
namespace {

std::string TypeOf(std::string_view bytes) {
  auto t = SniffMediaType(bytes);
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().ToString());
  return t ? *t : "";
}

TEST(MediaType, SniffsAcceptedKindsFromTheirBytes) {
  EXPECT_EQ(TypeOf(testfiles::Pdf()), "application/pdf");
  EXPECT_EQ(TypeOf(testfiles::Png()), "image/png");
  EXPECT_EQ(TypeOf(testfiles::Jpeg()), "image/jpeg");
  EXPECT_EQ(TypeOf(testfiles::Gif()), "image/gif");
  EXPECT_EQ(TypeOf("企业用电问题说明\n第二行\n"), "text/plain");
  EXPECT_EQ(TypeOf(testfiles::Docx()), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  for (const auto& bytes : {testfiles::Pdf(), testfiles::Png(), testfiles::Jpeg(), testfiles::Docx()}) {
    auto ok = CheckContent(bytes);
    EXPECT_TRUE(ok.has_value()) << (ok ? "" : ok.error().ToString());
  }
}

TEST(MediaType, RefusesExecutablesScriptsAndMarkupWhateverTheirName) {
  std::ifstream self("/proc/self/exe", std::ios::binary);  // the head of a real executable
  std::string elf(65536, '\0');
  self.read(elf.data(), static_cast<std::streamsize>(elf.size()));
  ASSERT_EQ(self.gcount(), 65536);
  const std::string cases[] = {elf, "#!/bin/sh\nrm -rf /\n", testfiles::Html(),
                               testfiles::Svg(), testfiles::Zip(), std::string("MZ\x90\0\3\0\0\0\4\0\0\0\xff\xff", 14)};
  for (const auto& bytes : cases) {
    auto r = CheckContent(bytes);
    ASSERT_FALSE(r.has_value()) << TypeOf(bytes);
    EXPECT_EQ(r.error().code, "attachment.type_not_allowed");
    EXPECT_NE(r.error().message.find(TypeOf(bytes)), std::string::npos);
    EXPECT_FALSE(r.error().message_zh.empty());
  }
  EXPECT_EQ(TypeOf(testfiles::Html()), "text/html");
  EXPECT_EQ(CheckContent("").error().code, "attachment.empty");
}

TEST(MediaType, TextIsServedAsUtf8OnlyWhenItIs) {
  EXPECT_EQ(ContentTypeHeader("text/plain", "用电"), "text/plain; charset=utf-8");
  EXPECT_EQ(ContentTypeHeader("text/plain", "\xd3\xc3\xb5\xe7"), "text/plain");  // GBK 用电
  EXPECT_EQ(ContentTypeHeader("application/pdf", "%PDF"), "application/pdf");
  EXPECT_TRUE(IsAllowedMediaType("image/webp"));
  EXPECT_FALSE(IsAllowedMediaType("application/zip"));
}

}  // namespace
}  // namespace zhitong::attachments
