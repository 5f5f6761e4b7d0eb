#include "attachments/blob_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace zhitong::attachments {
namespace {

namespace fs = std::filesystem;

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("zhitong_blobs_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    auto s = BlobStore::Open(root_.string());
    ASSERT_TRUE(s.has_value()) << s.error().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override { fs::remove_all(root_); }
  size_t FilesUnder(const fs::path& p) {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(p)) n += e.is_regular_file() ? 1 : 0;
    return n;
  }
  fs::path root_;
  std::unique_ptr<BlobStore> store_;
};

TEST_F(BlobStoreTest, StoresUnderTheSha256OfTheContentAndReadsItBack) {
  const std::string bytes("%PDF-1.4\0binary\xff", 16);
  auto sha = store_->Put(bytes);
  ASSERT_TRUE(sha.has_value()) << sha.error().ToString();
  // SHA-256("abc") from FIPS 180-2, appendix B.1: the digest function is the standard one.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(*sha, Sha256Hex(bytes));
  EXPECT_EQ(store_->PathOf(*sha), root_.string() + "/" + sha->substr(0, 2) + "/" + *sha);
  auto back = store_->Get(*sha);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, bytes);
  EXPECT_EQ(FilesUnder(root_ / "tmp"), 0u);  // the temporary file was renamed, not left behind
}

TEST_F(BlobStoreTest, TheSameContentIsStoredOnce) {
  auto a = store_->Put("same bytes");
  auto b = store_->Put("same bytes");
  auto c = store_->Put("other bytes");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(FilesUnder(root_), 2u);
}

TEST_F(BlobStoreTest, MissingAndCorruptBlobsAreReported) {
  EXPECT_EQ(store_->Get(std::string(64, 'a')).error().code, "attachment.blob_missing");
  EXPECT_EQ(store_->Get("../../etc/passwd").error().code, "attachment.blob_missing");
  auto sha = store_->Put("original");
  ASSERT_TRUE(sha.has_value());
  std::ofstream(store_->PathOf(*sha), std::ios::binary | std::ios::trunc) << "tampered";
  EXPECT_EQ(store_->Get(*sha).error().code, "attachment.blob_corrupt");
}

}  // namespace
}  // namespace zhitong::attachments
