// `cchc init`: writes a commented starter plan that validates as written.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "cli/commands.hpp"
#include "cli/data.hpp"
#include "cli/everyday.hpp"
#include "cli/inputs.hpp"
#include "util/text.hpp"

namespace cchc::cli {

namespace {

struct InitOptions {
  std::string file;
  std::string lang = "vi";
  int year = 0;  ///< 0: this year
};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// Writes `text` to a new file `path` without ever replacing an existing one:
/// the text goes to a temporary file in the same folder, which is then linked
/// to `path` (link fails when `path` exists, so two runs cannot race), and the
/// temporary name is removed. A reader never sees a half-written plan.
void write_new_file(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string temp = (folder / (".cchc-init-XXXXXX")).string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    throw UsageError{fmt::format("cannot write in '{}': {}", folder.string(), std::strerror(errno))};
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw UsageError{fmt::format("cannot write '{}': {}", path.string(), std::strerror(error))};
    }
    written += static_cast<std::size_t>(n);
  }
  fchmod(
      fd, 0644 & ~[] {
        const mode_t mask = umask(0);
        umask(mask);
        return mask;
      }());
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw UsageError{fmt::format("cannot write '{}': {}", path.string(), std::strerror(error))};
  }
  if (::link(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    if (error == EEXIST) {
      throw UsageError{
          fmt::format("'{}' already exists; cchc init never replaces a file. Choose another name: "
                      "cchc init plans/my-plan.yaml",
                      path.string())};
    }
    throw UsageError{fmt::format("cannot create '{}': {}", path.string(), std::strerror(error))};
  }
  ::unlink(temp.c_str());
}

/// The plan id for a new file: its name without extension, as an id ("Sở Tư pháp 2025.yaml" →
/// "so-tu-phap-2025"); `fallback` when nothing is left.
/// Naming the id after the file keeps two plans made by `cchc init` in one folder from sharing an id.
std::string plan_id_for(const std::filesystem::path& path, const std::string& fallback) {
  std::string id;
  for (char c : util::strip_diacritics(path.stem().string())) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else if ((c == '-' || c == '_' || c == ' ' || c == '.') && !id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? fallback : id;
}

int run_init(const InitOptions& options) {
  const std::optional<util::Date> today = date_in_zone(current_time(), "Asia/Ho_Chi_Minh");
  const std::string year = std::to_string(options.year != 0 ? options.year : today ? today->year : 2025);
  const std::string default_name = (options.lang == "en" ? "reform-plan-" : "ke-hoach-cchc-") + year + ".yaml";

  std::filesystem::path path =
      options.file.empty() ? std::filesystem::path("plans") / default_name : std::filesystem::path(options.file);
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) path /= default_name;
  if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), error)) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw UsageError{fmt::format("cannot create the folder '{}': {}", path.parent_path().string(), error.message())};
    }
  }
  if (std::filesystem::exists(path, error)) {
    throw UsageError{fmt::format(
        "'{}' already exists; cchc init never replaces a file. Choose another name: cchc init plans/my-plan.yaml",
        path.string())};
  }
  std::string text = replace_all(options.lang == "en" ? data::kInitPlanEn : data::kInitPlanVi, "{{YEAR}}", year);
  text = replace_all(text, "{{ID}}", plan_id_for(path, default_name.substr(0, default_name.size() - 5)));
  write_new_file(path, text);

  const std::string shown = path.string();
  const std::string hint = path.parent_path() == "plans" ? "" : " " + shown;
  if (options.lang == "en") {
    std::fputs(fmt::format("wrote {}: a starter plan for {}, in English.\n"
                           "Next: edit it to match your document, then run\n"
                           "  cchc validate{}\n  cchc status{}\n",
                           shown, year, hint, hint)
                   .c_str(),
               stdout);
  } else {
    std::fputs(fmt::format("đã tạo {}: kế hoạch mẫu năm {}, bằng tiếng Việt.\n"
                           "Tiếp theo: sửa tệp cho khớp với văn bản của bạn, rồi chạy\n"
                           "  cchc validate{}\n  cchc status{}\n",
                           shown, year, hint, hint)
                   .c_str(),
               stdout);
  }
  return kExitOk;
}

}  // namespace

void register_init_command(CLI::App& app, int& exit_code) {
  static InitOptions options;
  CLI::App* command = app.add_subcommand("init", "Write a commented starter plan to fill in (never replaces a file)");
  command->add_option("FILE", options.file,
                      "The new plan file, or a folder for it (default: plans/ke-hoach-cchc-<year>.yaml)");
  command->add_option("--lang", options.lang, "Language of the plan's texts and comments: vi (default) or en")
      ->check(CLI::IsMember({"vi", "en"}));
  command->add_option("--year", options.year, "The plan's year (default: this year)")->check(CLI::Range(2000, 2100));
  command->callback([&exit_code] { exit_code = run_init(options); });
}

}  // namespace cchc::cli
