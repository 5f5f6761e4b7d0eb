#include "attachments/file_name.h"

#include <gtest/gtest.h>

namespace zhitong::attachments {
namespace {

std::string Clean(std::string_view s) {
  auto r = CleanFileName(s);
  return r ? *r : "!" + r.error().code;
}

TEST(FileName, KeepsTheLastSegmentTrimmed) {
  EXPECT_EQ(Clean("营业执照.pdf"), "营业执照.pdf");
  EXPECT_EQ(Clean("C:\\Users\\张三\\材料 1.docx"), "材料 1.docx");
  EXPECT_EQ(Clean("../../etc/passwd"), "passwd");
  EXPECT_EQ(Clean("  说明.txt "), "说明.txt");
}

TEST(FileName, RefusesEmptyControlAndDirectionTricks) {
  EXPECT_EQ(Clean(""), "!attachment.name_required");
  EXPECT_EQ(Clean("dir/"), "!attachment.name_required");
  EXPECT_EQ(Clean(".."), "!attachment.name_required");
  EXPECT_EQ(Clean("a\nb.pdf"), "!attachment.name_invalid");
  EXPECT_EQ(Clean("invoice\u202Efdp.exe"), "!attachment.name_invalid");
  EXPECT_EQ(Clean("bad\xff.pdf"), "!attachment.name_invalid");
  EXPECT_EQ(Clean("\xc0\xaf.pdf"), "!attachment.name_invalid");  // overlong '/'
  EXPECT_EQ(Clean(std::string(255, 'a')), std::string(255, 'a'));
  EXPECT_EQ(Clean(std::string(256, 'a')), "!attachment.name_too_long");
}

TEST(FileName, ContentDispositionGivesAsciiFallbackAndUtf8Name) {
  EXPECT_EQ(ContentDisposition("report.pdf"), "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  // 用 = E7 94 A8, 电 = E7 94 B5
  EXPECT_EQ(ContentDisposition("用电 \"1\".pdf"),
            "attachment; filename=\"______ _1_.pdf\"; filename*=UTF-8''%E7%94%A8%E7%94%B5%20%221%22.pdf");
  EXPECT_EQ(ContentDisposition("a;b\\c.txt"), "attachment; filename=\"a;b_c.txt\"; filename*=UTF-8''a%3Bb%5Cc.txt");
}

}  // namespace
}  // namespace zhitong::attachments
