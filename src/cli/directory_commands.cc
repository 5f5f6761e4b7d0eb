#include "cli/directory_commands.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "access/actor.h"
#include "cli/context.h"
#include "core/clock.h"
#include "directory_service/directory_service.h"
#include "directory_service/tabular.h"

namespace zhitong::cli {
namespace {

namespace ds = directory_service;

struct Options {
  std::string entity;
  std::string file;
  bool dry_run = false;
};

access::Actor CliActor() {
  access::Actor a;
  a.login = "cli";
  a.display_name = "命令行 command line";
  a.role = access::Role::kAdmin;
  return a;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A progress bar on stderr, redrawn in place; nothing when stderr is not a terminal.
ds::Progress TerminalProgress() {
  if (!::isatty(STDERR_FILENO)) return {};
  return [](int64_t done, int64_t total) {
    if (total <= 0) return;
    const int width = 40;
    const int filled = static_cast<int>(done * width / total);
    std::fprintf(stderr, "\r  [%s%s] %3lld%%", std::string(static_cast<size_t>(filled), '#').c_str(),
                 std::string(static_cast<size_t>(width - filled), ' ').c_str(),
                 static_cast<long long>(done * 100 / total));
    if (done >= total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

int RunImport(const Config& config, const Options& o) {
  auto bytes = ds::ReadFileBytes(o.file);
  if (!bytes) return Fail(bytes.error());
  auto table = ds::ReadTable(*bytes);
  if (!table) return Fail(table.error());
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  ds::DirectoryService directory(**db, clock);
  const auto progress = TerminalProgress();
  auto report = o.entity == "enterprises" ? directory.ImportEnterprises(CliActor(), *table, o.dry_run, progress)
                                          : directory.ImportOfficials(CliActor(), *table, o.dry_run, progress);
  (*db)->Close();
  if (!report) return Fail(report.error());
  if (!report->errors.empty()) {
    std::fprintf(stderr, "zhitong: %zu problem(s) in %s; nothing was imported. 文件中有 %zu 处错误，未导入任何数据。\n",
                 report->errors.size(), o.file.c_str(), report->errors.size());
    for (const auto& e : report->errors) {
      std::fprintf(stderr, "  row %lld, %s: %s / %s\n", static_cast<long long>(e.row),
                   e.column.empty() ? "-" : e.column.c_str(), e.message.c_str(), e.message_zh.c_str());
    }
    return 2;
  }
  std::printf("%s %lld rows: %lld new, %lld updated, %lld unchanged%s\n", o.dry_run ? "Checked" : "Imported",
              static_cast<long long>(report->rows), static_cast<long long>(report->created),
              static_cast<long long>(report->updated), static_cast<long long>(report->unchanged),
              o.dry_run ? " (dry run: nothing written)" : "");
  std::printf("%s %lld 行：新增 %lld，更新 %lld，未变 %lld%s\n", o.dry_run ? "已检查" : "已导入",
              static_cast<long long>(report->rows), static_cast<long long>(report->created),
              static_cast<long long>(report->updated), static_cast<long long>(report->unchanged),
              o.dry_run ? "（试运行，未写入）" : "");
  return 0;
}

int RunExport(const Config& config, const Options& o) {
  const bool xlsx = EndsWith(o.file, ".xlsx");
  if (!xlsx && !EndsWith(o.file, ".csv")) {
    return Fail(Error::Invalid("cli.export_format", "the file name must end in .csv or .xlsx",
                               "文件名须以 .csv 或 .xlsx 结尾"));
  }
  auto db = OpenDatabase(config);
  if (!db) return Fail(db.error());
  SystemClock clock;
  ds::DirectoryService directory(**db, clock);
  auto table = o.entity == "enterprises" ? directory.ExportEnterprises(CliActor(), {})
                                         : directory.ExportOfficials(CliActor(), {});
  (*db)->Close();
  if (!table) return Fail(table.error());
  std::string bytes;
  if (xlsx) {
    std::vector<bool> numeric((*table)[0].size(), false);
    for (size_t c = 0; c < numeric.size(); ++c) {
      const auto& h = (*table)[0][c];
      numeric[c] = h == "编号" || h == "从业人数" || h == "营业收入" || h == "联络容量";
    }
    auto written = ds::WriteXlsx(*table, o.entity, numeric);
    if (!written) return Fail(written.error());
    bytes = std::move(*written);
  } else {
    bytes = ds::WriteCsv(*table);
  }
  std::ofstream out(o.file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return Fail(Error::Internal("cli.write", "cannot write " + o.file, "无法写入 " + o.file));
  std::printf("Wrote %zu %s to %s. 已导出。\n", table->size() - 1, o.entity.c_str(), o.file.c_str());
  return 0;
}

}  // namespace

std::function<int(const Config&)> AddDirectoryCommands(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* import = app.add_subcommand("import", "Import enterprises or officials from a .csv or .xlsx file (all or nothing)");
  import->add_option("entity", o->entity, "enterprises or officials")
      ->required()
      ->check(CLI::IsMember({"enterprises", "officials"}));
  import->add_option("file", o->file, "the .csv or .xlsx file; the first row is the header")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_flag("--dry-run", o->dry_run, "check every row and report, write nothing");
  auto* exp = app.add_subcommand("export", "Export enterprises or officials to a .csv or .xlsx file");
  exp->add_option("entity", o->entity, "enterprises or officials")
      ->required()
      ->check(CLI::IsMember({"enterprises", "officials"}));
  exp->add_option("file", o->file, "where to write (.csv or .xlsx)")->required();
  return [import, exp, o](const Config& config) -> int {
    if (import->parsed()) return RunImport(config, *o);
    if (exp->parsed()) return RunExport(config, *o);
    return -1;
  };
}

}  // namespace zhitong::cli
