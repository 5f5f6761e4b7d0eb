#include "core/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace zhitong {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, DefaultsAreDocumentedValues) {
  auto c = LoadConfig("", {}, {});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_EQ(c->DatabaseUrl(), "sqlite:var/zhitong.db");
  EXPECT_EQ(c->log_format, "text");
}

TEST(Config, FlagsOverrideEnvironmentOverrideFile) {
  auto file = WriteTemp("zt_cfg_layers.toml", "listen = \"0.0.0.0:1\"\nthreads = 3\nlog_format = \"json\"\n");
  auto c = LoadConfig(file, {{"ZHITONG_LISTEN", "127.0.0.1:2"}, {"ZHITONG_THREADS", "5"}},
                      {{"listen", "127.0.0.1:3"}});
  ASSERT_TRUE(c) << c.error().ToString();
  EXPECT_EQ(c->listen, "127.0.0.1:3");  // flag
  EXPECT_EQ(c->threads, 5);             // environment
  EXPECT_EQ(c->log_format, "json");     // file
}

TEST(Config, RejectsUnknownKeyInFile) {
  auto file = WriteTemp("zt_cfg_unknown.toml", "listen = \"127.0.0.1:1\"\nlisten_port = 9\n");
  auto c = LoadConfig(file, {}, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "config.unknown_key");
  EXPECT_NE(c.error().message.find("listen_port"), std::string::npos);
}

TEST(Config, RejectsMalformedFileWithLine) {
  auto file = WriteTemp("zt_cfg_bad.toml", "listen = \n");
  auto c = LoadConfig(file, {}, {});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "config.file_malformed");
  EXPECT_NE(c.error().message.find(":1:"), std::string::npos);
}

TEST(Config, RejectsOutOfRangeAndWrongTypes) {
  EXPECT_EQ(LoadConfig("", {{"ZHITONG_THREADS", "-1"}}, {}).error().code, "config.invalid_value");
  EXPECT_EQ(LoadConfig("", {{"ZHITONG_THREADS", "abc"}}, {}).error().code, "config.invalid_value");
  EXPECT_EQ(LoadConfig("", {}, {{"log_format", "xml"}}).error().code, "config.invalid_value");
  EXPECT_EQ(LoadConfig("", {}, {{"secure_cookies", "maybe"}}).error().code, "config.invalid_value");
}

TEST(Config, ParsesListenAddress) {
  Config c;
  c.listen = "127.0.0.1:9090";
  auto a = c.ListenAddress();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 9090);
  c.listen = "[::1]:80";
  EXPECT_EQ(c.ListenAddress()->first, "::1");
  c.listen = "8080";
  EXPECT_FALSE(c.ListenAddress());
  c.listen = "h:70000";
  EXPECT_FALSE(c.ListenAddress());
}

TEST(Config, TomlDumpReadsBackToSameConfig) {
  Config c;
  c.threads = 7;
  c.database = "postgresql://u@127.0.0.1:5/db";
  auto file = WriteTemp("zt_cfg_dump.toml", ConfigToToml(c));
  auto back = LoadConfig(file, {}, {});
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->threads, 7);
  EXPECT_EQ(back->database, c.database);
  EXPECT_EQ(ConfigToToml(*back), ConfigToToml(c));
}

}  // namespace
}  // namespace zhitong
