#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "load/event_cache.hpp"
#include "load/load.hpp"
#include "load/model_cache.hpp"

#include "../committed_plans.hpp"

using namespace cchc;

namespace {

using test_support::committed_plans;
using test_support::read_file;

std::string seed_plan() { return read_file(CCHC_SOURCE_DIR "/plans/ha-tinh-2020-tong-ket-cchc.yaml"); }

/// A store in memory, which counts what load_plan did with it.
class MemoryCache : public load::EventCache {
 public:
  std::map<std::string, std::string> entries;
  int stores = 0;
  int reuses = 0;

  std::optional<std::string> find(const std::string& file) override {
    const auto found = entries.find(file);
    if (found == entries.end()) return std::nullopt;
    return found->second;
  }
  void store(const std::string& file, std::string_view entry) override {
    ++stores;
    entries[file] = std::string(entry);
  }
  void replayed(const std::string& /*file*/) override { ++reuses; }
};

/// A store that fails at everything, as a broken disk would.
class FailingCache : public load::EventCache {
 public:
  std::optional<std::string> find(const std::string& /*file*/) override { throw std::runtime_error("disk"); }
  void store(const std::string& /*file*/, std::string_view /*entry*/) override { throw std::runtime_error("disk"); }
};

}  // namespace

// The model types compare field by field (defaulted ==), so a field the cache's lists leave out, or read into the
// wrong place, makes a decoded plan differ from the loaded one wherever a committed plan sets that field.
TEST_CASE("model cache: every committed plan decodes to exactly what load_plan gave", "[load][model_cache]") {
  const auto paths = committed_plans();
  REQUIRE(paths.size() >= 100);
  int with_plan = 0;
  int with_problems = 0;
  for (const auto& path : paths) {
    INFO(path.string());
    const std::string text = read_file(path);
    const std::string file = path.filename().string();
    const load::LoadResult loaded = load::load_plan(text, file);
    const std::string entry = load::encode_load_result(loaded, text, file, {});
    const auto decoded = load::decode_load_result(entry, text, file, {});
    REQUIRE(decoded);
    CHECK(*decoded == loaded);
    // Encoding is deterministic: the decoded result encodes to the same bytes.
    CHECK(load::encode_load_result(*decoded, text, file, {}) == entry);
    with_plan += loaded.plan ? 1 : 0;
    with_problems += loaded.diagnostics.empty() ? 0 : 1;
  }
  // Both kinds were exercised: plans read, and problems kept.
  CHECK(with_plan >= 50);
  CHECK(with_problems >= 50);
}

TEST_CASE("model cache: the equality the tests rely on sees a change in any part of a plan", "[load][model_cache]") {
  const std::string text = seed_plan();
  const load::LoadResult loaded = load::load_plan(text, "seed.yaml");
  REQUIRE(loaded.plan);
  const auto parent = std::find_if(loaded.plan->tasks.begin(), loaded.plan->tasks.end(),
                                   [](const model::Task& task) { return !task.children.empty(); });
  REQUIRE(parent != loaded.plan->tasks.end());
  load::LoadResult changed = loaded;
  CHECK(changed == loaded);
  util::HeapText& note = changed.plan->tasks[parent - loaded.plan->tasks.begin()].children.back().edit_extras().note;
  note = note.str() + "x";
  CHECK_FALSE(changed == loaded);
  changed = loaded;
  REQUIRE(changed.plan->tasks.front().due);
  changed.plan->tasks.front().due->pos.column += 1;
  CHECK_FALSE(changed == loaded);
}

TEST_CASE("model cache: an entry is refused for any other text, name or limits, or when damaged",
          "[load][model_cache]") {
  const std::string text = seed_plan();
  const load::LoadResult loaded = load::load_plan(text, "seed.yaml");
  const std::string entry = load::encode_load_result(loaded, text, "seed.yaml", {});
  REQUIRE(load::decode_load_result(entry, text, "seed.yaml", {}));

  SECTION("another text, even of the same size") {
    std::string other = text;
    other[other.size() / 2] ^= 0x01;
    CHECK_FALSE(load::decode_load_result(entry, other, "seed.yaml", {}));
    CHECK_FALSE(load::decode_load_result(entry, text + "\n", "seed.yaml", {}));
    CHECK_FALSE(load::decode_load_result(entry, "", "seed.yaml", {}));
  }
  SECTION("another file name: the plan and every problem carry it") {
    CHECK_FALSE(load::decode_load_result(entry, text, "./seed.yaml", {}));
  }
  SECTION("other limits, each of them") {
    for (int which = 0; which < 5; ++which) {
      load::Limits limits;
      switch (which) {
        case 0: limits.max_file_bytes += 1; break;
        case 1: limits.max_depth += 1; break;
        case 2: limits.max_nodes += 1; break;
        case 3: limits.max_scalar_bytes += 1; break;
        default: limits.max_diagnostics += 1; break;
      }
      INFO("limit " << which);
      CHECK_FALSE(load::decode_load_result(entry, text, "seed.yaml", limits));
    }
  }
  SECTION("damaged: cut, lengthened, or any byte changed") {
    CHECK_FALSE(load::decode_load_result("", text, "seed.yaml", {}));
    for (std::size_t size = 0; size < entry.size(); size += 1 + size / 3) {
      CHECK_FALSE(load::decode_load_result(entry.substr(0, size), text, "seed.yaml", {}));
    }
    CHECK_FALSE(load::decode_load_result(entry + '\0', text, "seed.yaml", {}));
    int refused = 0;
    for (std::size_t at = 0; at < entry.size(); at += 7) {
      std::string flipped = entry;
      flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
      refused += load::decode_load_result(flipped, text, "seed.yaml", {}) ? 0 : 1;
    }
    CHECK(refused == static_cast<int>((entry.size() + 6) / 7));
  }
}

TEST_CASE("model cache: load_plan stores a result once and then decodes it", "[load][model_cache]") {
  const std::string text = seed_plan();
  const load::LoadResult fresh = load::load_plan(text, "seed.yaml");
  MemoryCache cache;
  load::ParseOptions options;
  options.model_cache = &cache;
  CHECK(load::load_plan(text, "seed.yaml", {}, options) == fresh);
  CHECK(cache.stores == 1);
  CHECK(cache.reuses == 0);
  CHECK(load::load_plan(text, "seed.yaml", {}, options) == fresh);
  CHECK(cache.stores == 1);
  CHECK(cache.reuses == 1);

  SECTION("an edited text is read anew and stored in place of the old entry") {
    std::string edited = text;
    const auto at = edited.find("30/4/2020");
    REQUIRE(at != std::string::npos);
    edited.replace(at, 9, "29/4/2020");  // the same size
    const load::LoadResult expected = load::load_plan(edited, "seed.yaml");
    REQUIRE_FALSE(expected == fresh);
    CHECK(load::load_plan(edited, "seed.yaml", {}, options) == expected);
    CHECK(cache.reuses == 1);
    CHECK(cache.stores == 2);
  }
  SECTION("an entry made for another file's text is not used") {
    cache.entries["other.yaml"] = cache.entries["seed.yaml"];
    const std::string other = "cchc: 1\nplan:\n  id: o\n  title: T\n";
    CHECK(load::load_plan(other, "other.yaml", {}, options) == load::load_plan(other, "other.yaml"));
    CHECK(cache.reuses == 1);
  }
  SECTION("unreadable YAML is kept too: its problems are the result") {
    const std::string broken = "cchc: 1\nplan: [\n";
    const load::LoadResult problems = load::load_plan(broken, "broken.yaml");
    REQUIRE_FALSE(problems.plan);
    REQUIRE_FALSE(problems.diagnostics.empty());
    CHECK(load::load_plan(broken, "broken.yaml", {}, options) == problems);
    CHECK(load::load_plan(broken, "broken.yaml", {}, options) == problems);
    CHECK(cache.reuses == 2);
  }
}

TEST_CASE("model cache: a failing store changes nothing", "[load][model_cache]") {
  const std::string text = seed_plan();
  FailingCache failing;
  load::ParseOptions options;
  options.model_cache = &failing;
  CHECK(load::load_plan(text, "seed.yaml", {}, options) == load::load_plan(text, "seed.yaml"));
}

namespace {

model::LocatedText text_at(std::string value, int line) { return {std::move(value), {line, line + 1}}; }
model::LocatedId id_at(std::string_view value, int line) { return {value, {line, line + 1}}; }

/// A deadline with every field away from its default.
model::Deadline full_deadline(int seed) {
  model::Deadline deadline;
  deadline.kind = model::DeadlineKind::Relative;
  deadline.text = "30 ngày làm việc sau khi hoàn thành nhiệm vụ 3." + std::to_string(seed);
  deadline.precision = model::DeadlinePrecision::Quarter;
  deadline.start = util::Date{2020, 1, seed};
  deadline.due = util::Date{2020, 3, seed};
  model::RelativeDays relative;
  relative.span = {30, model::DayUnit::Working};
  relative.anchor.kind = model::DeadlineAnchor::Kind::TaskDone;
  relative.anchor.date = util::Date{2020, 2, seed};
  relative.anchor.task = "3." + std::to_string(seed);
  relative.anchor.event = "ngày nhận";
  deadline.relative = relative;
  model::Recurrence rule;
  rule.every = model::Frequency::Quarter;
  rule.on = {{2, 15, true}, {3, 0, false}};
  rule.from = 2021;
  rule.ongoing = true;
  rule.day_before = true;
  deadline.recurrence = rule;
  return deadline;
}

model::OccurrenceRecord full_record(int seed) {
  model::OccurrenceRecord record;
  record.label = text_at("2021-Q" + std::to_string(seed), seed);
  record.status = {model::TaskStatus::Cancelled, {seed, 3}};
  record.done = model::Located<util::Date>{{2021, 4, seed}, {seed, 4}};
  record.progress = model::Located<int>{55, {seed, 5}};
  record.evidence = {text_at("Báo cáo số 1", seed)};
  record.reason = text_at("không còn cần", seed);
  record.note = "ghi chú";
  record.pos = {seed, 9};
  return record;
}

model::Task full_task(int seed, int depth) {
  model::Task task;
  task.id = id_at(std::to_string(seed), seed);
  task.path = "II." + std::to_string(seed);
  task.title = {util::HeapText("Rà soát thủ tục hành chính"), {seed, seed + 1}};
  task.lead = id_at("snv", seed);
  task.support = {id_at("stp", seed), id_at("a-supporting-agency-with-a-long-id", seed)};
  task.due = model::Located<model::Deadline>{full_deadline(seed), {seed, 7}};
  model::Trigger trigger;
  trigger.on = {{2020, 5, seed}, {seed, 8}};
  trigger.due = model::Located<model::Deadline>{full_deadline(seed + 1), {seed, 9}};
  trigger.note = "Quyết định số 12/QĐ-UBND";
  trigger.pos = {seed, 10};
  task.edit_extras().trigger = trigger;
  task.status = {model::TaskStatus::Doing, {seed, 11}};
  task.done = model::Located<util::Date>{{2020, 6, seed}, {seed, 12}};
  task.progress = model::Located<int>{80, {seed, 13}};
  const model::LocatedText evidence = text_at("https://example.vn/bc", seed);
  task.evidence = {{util::HeapText(evidence.value), evidence.pos}};
  task.edit_extras().reason = text_at("lý do", seed);
  task.edit_extras().note = "ghi chú " + std::to_string(seed);
  task.edit_extras().appendices = {{text_at("6503", seed), {text_at("Phụ lục 2", seed)}, {seed, 14}}};
  if (depth > 0) task.children = {full_task(seed + 1, depth - 1)};
  task.edit_extras().occurrences = {full_record(seed)};
  task.pos = {seed, 15};
  return task;
}

}  // namespace

// The committed plans leave some fields at their defaults everywhere (a plan's time zone, for one). This result
// sets every field of every type away from its default, so a field missing from the cache's lists shows here.
TEST_CASE("model cache: a result with every field set decodes whole", "[load][model_cache]") {
  load::LoadResult result;
  model::Plan& plan = result.plan.emplace();
  plan.file = "tinh.yaml";
  plan.format_version = 2;
  plan.id = text_at("tinh-2026", 2);
  plan.title = text_at("Kế hoạch CCHC", 3);
  plan.issuer = "UBND tỉnh";
  plan.number = "12/KH-UBND";
  plan.date = model::Located<util::PartialDate>{{2026, 1, 0}, {4, 3}};
  plan.period = model::Located<model::YearSpan>{{2021, 2030}, {5, 3}};
  plan.status = model::PlanStatus::Issued;
  plan.language = model::Language::En;
  plan.timezone = "Asia/Bangkok";
  plan.before_date = model::BeforeDate::Exclusive;
  plan.holidays = {{{{2026, 9, 2}, {6, 5}}, "Quốc khánh"}};
  plan.working_days = {{{{2026, 8, 29}, {7, 5}}, "làm bù"}};
  plan.parent = model::PlanLink{text_at("trung-uong", 8), text_at("2", 8), {8, 3}};
  plan.agencies = {{text_at("snv", 9), "Sở Nội vụ", "SNV", true, {9, 3}}};
  plan.documents = {
      {text_at("6503", 10), "6503/BNV-CCHC", util::PartialDate{2019, 12, 20}, "Bộ Nội vụ", "Về việc báo cáo", {10, 3}}};
  plan.tasks = {full_task(20, 2), full_task(40, 0)};
  model::Section section;
  section.id = text_at("I", 60);
  section.title = text_at("Kết quả", 60);
  section.lead = text_at("snv", 61);
  section.due = model::Located<model::Deadline>{full_deadline(6), {62, 3}};
  section.trigger = model::Trigger{{{2020, 7, 1}, {63, 3}}, std::nullopt, "nhận văn bản", {63, 1}};
  section.tasks = {text_at("20", 64)};
  section.appendices = {{text_at("6503", 65), {text_at("mục 13, Phụ lục 6", 65)}, {65, 1}}};
  section.status = {model::TaskStatus::Done, {66, 3}};
  section.done = model::Located<util::Date>{{2020, 8, 1}, {67, 3}};
  section.progress = model::Located<int>{100, {68, 3}};
  section.evidence = {text_at("Báo cáo số 45/BC-STP", 69)};
  section.reason = text_at("không", 70);
  section.note = "phần";
  section.occurrences = {full_record(7)};
  section.pos = {71, 1};
  plan.sections = {section};
  plan.scoring.completion = {{95, true, 3, {72, 3}}, {0, false, 0, {73, 3}}};
  plan.scoring.on_time = {{100, true, 2, {74, 3}}};
  plan.scoring.from_plan = true;
  result.diagnostics = {{util::Severity::Warning, "tinh.yaml", {75, 3}, "unknown-key", "khoá lạ", "bỏ đi"}};

  const std::string text = "any text";
  const auto decoded =
      load::decode_load_result(load::encode_load_result(result, text, "tinh.yaml", {}), text, "tinh.yaml", {});
  REQUIRE(decoded);
  CHECK(*decoded == result);
  // Each part checked on its own too, so that a failure says where.
  REQUIRE(decoded->plan);
  CHECK(decoded->plan->tasks == plan.tasks);
  CHECK(decoded->plan->sections == plan.sections);
  CHECK(decoded->plan->scoring == plan.scoring);
  CHECK(decoded->diagnostics == result.diagnostics);
}
