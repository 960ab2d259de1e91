// libFuzzer target over the whole pipeline: the bytes are a plan file; it is loaded, checked, evaluated on a few
// days and rendered in every format (the timeline and the exports too), and every diagnostic is formatted as the
// terminal would show it. Any crash, sanitizer report, leak, hang or runaway memory use is a bug (see
// docs/hostile-input.md). The same bytes are also read every other way load_plan can read them (two parsers, the
// event cache recording and then replaying, a damaged recording, the plain reader, the model cache storing and then
// decoding, a damaged entry): each must show exactly what one parser shows.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "evaluate/evaluate.hpp"
#include "load/event_cache.hpp"
#include "load/load.hpp"
#include "load/model_cache.hpp"
#include "render/export.hpp"
#include "render/render.hpp"
#include "render/timeline.hpp"
#include "util/text.hpp"

namespace {

void render_all(const std::vector<cchc::evaluate::Item>& items, cchc::util::Date today,
                cchc::model::Language language) {
  for (const auto format : {cchc::render::Format::Table, cchc::render::Format::Markdown, cchc::render::Format::Csv,
                            cchc::render::Format::Json}) {
    cchc::render::Options options;
    options.today = today;
    options.language = language;
    options.color = format == cchc::render::Format::Table;
    options.width = 60;
    (void)cchc::render::render(format, items, options);
  }
  cchc::render::TimelineOptions timeline;
  timeline.language = language;
  timeline.color = true;
  timeline.width = 60;
  (void)cchc::render::render_timeline_terminal(items, today, timeline);
  timeline.group = cchc::render::TimelineGroup::Lead;
  (void)cchc::render::render_timeline_svg(items, today, timeline);
  (void)cchc::render::render_timeline_mermaid(items, today, timeline);
  (void)cchc::render::render_ics(items, today, language);
  (void)cchc::render::render_export_csv(items, {';', true});
}

/// The table wraps a text in place (util::wrap_in_place) where its words are one space apart, and with
/// wrap_to_width otherwise: where both apply, they must make the same lines. A difference stops the fuzzer.
void check_wrapping_agrees(const std::vector<cchc::evaluate::Item>& items) {
  std::vector<cchc::util::WrappedLine> lines;
  for (const auto& item : items) {
    for (const std::string_view text : {std::string_view(item.title), std::string_view(item.due_text)}) {
      for (const int width : {1, 7, 20}) {
        lines.clear();
        if (!cchc::util::wrap_in_place(text, width, lines)) continue;
        const std::vector<std::string> expected = cchc::util::wrap_to_width(text, width);
        if (lines.size() != expected.size()) __builtin_trap();
        for (std::size_t i = 0; i < lines.size(); ++i) {
          if (lines[i].text != expected[i] || lines[i].width != cchc::util::display_width(expected[i])) {
            __builtin_trap();
          }
        }
      }
    }
  }
}

/// An event cache in memory holding one entry.
class MemoryCache : public cchc::load::EventCache {
 public:
  std::optional<std::string> entry;

  std::optional<std::string> find(const std::string& /*file*/) override { return entry; }
  void store(const std::string& /*file*/, std::string_view recording) override { entry = std::string(recording); }
};

/// What a reading shows the user: every diagnostic as the terminal prints it, and the plan exported as JSON.
std::string shown(const cchc::load::LoadResult& result, std::string_view text) {
  std::string out;
  for (const auto& diagnostic : result.diagnostics) out += cchc::render::format_diagnostic(diagnostic, text, false);
  if (result.plan) {
    const cchc::util::Date today{2024, 2, 29};
    out += cchc::render::render_export_json({&*result.plan}, cchc::evaluate::evaluate_plan(*result.plan, today), today);
  }
  return out;
}

/// load_plan's options only decide how a text is parsed: two parsers, a recording made and replayed, and a
/// recording damaged where the input says must all show what one parser shows. A difference stops the fuzzer.
void check_every_reading_agrees(std::string_view text, const cchc::load::LoadResult& single) {
  const std::string expected = shown(single, text);
  const auto agrees = [&](const cchc::load::ParseOptions& options) {
    if (shown(cchc::load::load_plan(text, "fuzz.yaml", {}, options), text) != expected) __builtin_trap();
  };
  for (const bool in_parts : {true, false}) {
    MemoryCache cache;
    cchc::load::ParseOptions options;
    if (in_parts) options.two_parsers_from_bytes = 0;
    agrees(options);
    options.event_cache = &cache;
    agrees(options);  // recorded
    agrees(options);  // replayed
    if (cache.entry && !cache.entry->empty()) {
      std::string& entry = *cache.entry;
      entry[(text.size() * 7919) % entry.size()] ^= static_cast<char>(text.empty() ? 1 : text.front() | 1);
      agrees(options);  // a damaged recording is a miss, or replays what it was made from
    }
  }
  // The plain reader: where it reads a text, its recording is the one yaml-cpp makes, byte for byte (and where it
  // gives up, yaml-cpp makes it), so both are stored or neither, and all that follows is the same.
  MemoryCache by_yaml_cpp;
  MemoryCache by_plain_reader;
  cchc::load::ParseOptions yaml_cpp_reads;
  yaml_cpp_reads.event_cache = &by_yaml_cpp;
  cchc::load::ParseOptions plain_reader_reads;
  plain_reader_reads.plain_yaml = true;
  plain_reader_reads.event_cache = &by_plain_reader;
  agrees(yaml_cpp_reads);
  agrees(plain_reader_reads);
  if (by_yaml_cpp.entry != by_plain_reader.entry) __builtin_trap();
  plain_reader_reads.event_cache = nullptr;
  agrees(plain_reader_reads);
  // The same in two parts: each part is read by the plain reader where it reads it, and recorded as yaml-cpp
  // records it.
  MemoryCache parts_by_yaml_cpp;
  MemoryCache parts_by_plain_reader;
  yaml_cpp_reads.two_parsers_from_bytes = 0;
  yaml_cpp_reads.event_cache = &parts_by_yaml_cpp;
  plain_reader_reads.two_parsers_from_bytes = 0;
  plain_reader_reads.event_cache = &parts_by_plain_reader;
  agrees(yaml_cpp_reads);
  agrees(plain_reader_reads);
  if (parts_by_yaml_cpp.entry != parts_by_plain_reader.entry) __builtin_trap();
  agrees(plain_reader_reads);  // replayed
  plain_reader_reads.event_cache = nullptr;
  agrees(plain_reader_reads);

  // The model cache: a stored result decodes to one equal in every field, and load_plan then returns it; a
  // damaged entry is a miss.
  const std::string entry = cchc::load::encode_load_result(single, text, "fuzz.yaml", {});
  const auto decoded = cchc::load::decode_load_result(entry, text, "fuzz.yaml", {});
  if (!decoded || !(*decoded == single)) __builtin_trap();
  MemoryCache models;
  cchc::load::ParseOptions options;
  options.model_cache = &models;
  agrees(options);  // stored
  if (!models.entry || *models.entry != entry) __builtin_trap();
  agrees(options);  // decoded
  std::string& damaged = *models.entry;
  damaged[(text.size() * 7919) % damaged.size()] ^= static_cast<char>(text.empty() ? 1 : text.front() | 1);
  if (cchc::load::decode_load_result(damaged, text, "fuzz.yaml", {})) __builtin_trap();
  agrees(options);  // a damaged entry is a miss
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = cchc::load::load_plan(text, "fuzz.yaml");
  check_every_reading_agrees(text, result);
  for (const auto& diagnostic : result.diagnostics) (void)cchc::render::format_diagnostic(diagnostic, text, true);
  if (!result.plan) return 0;

  const auto checked = cchc::check::check_plan(*result.plan);
  for (const auto& diagnostic : checked) (void)cchc::render::format_diagnostic(diagnostic, text, false);
  const std::vector<const cchc::model::Plan*> plans = {&*result.plan, &*result.plan};
  (void)cchc::check::check_plans(plans);

  for (const cchc::util::Date today : {cchc::util::Date{2020, 4, 30}, cchc::util::Date{2024, 2, 29}}) {
    auto items = cchc::evaluate::evaluate_plan(*result.plan, today);
    render_all(items, today, result.plan->language);
    check_wrapping_agrees(items);
    (void)cchc::render::render_export_json(plans, items, today);
    cchc::evaluate::Filter filter;
    filter.actionable_only = true;
    auto selected = cchc::evaluate::select(items, filter);
    cchc::evaluate::sort_by_urgency(selected);
    render_all(selected, today, cchc::model::Language::En);
    (void)cchc::evaluate::count_states(items);
  }
  return 0;
}
