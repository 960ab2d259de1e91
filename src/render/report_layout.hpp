#pragma once

#include <string>
#include <utility>
#include <vector>

#include "render/report.hpp"

// The report laid out as a sequence of blocks (headings, facts, tables) with plain-text cells, so the
// Markdown and HTML renderers only differ in how they write a block and escape its text.
// Internal to the render stage: not part of its interface.
namespace cchc::render::detail {

struct ReportTable {
  std::vector<std::string> headings;
  std::vector<bool> numeric;                   ///< per column: right-aligned counts and days
  std::vector<std::vector<std::string>> rows;  ///< each as many cells as headings; plain text, one line each
  std::vector<std::string> row_states;         ///< per row: the state's script name ("overdue"), or empty
};

struct ReportBlock {
  enum class Kind {
    Heading,    ///< `text` at `level` (1 = the report's title)
    Paragraph,  ///< `text`
    Label,      ///< `text` as a short bold line naming what follows
    Facts,      ///< `facts`: label and value pairs (issuer, number, …)
    Table,      ///< `table`
    Timeline,   ///< where the HTML report embeds the timeline picture
  };
  Kind kind = Kind::Paragraph;
  int level = 0;
  std::string text;
  std::vector<std::pair<std::string, std::string>> facts;
  ReportTable table;
};

/// The blocks of `report` in reading order, every text already on one line with unsafe characters replaced;
/// `with_timeline` adds the Timeline block after the report's heading.
std::vector<ReportBlock> layout_report(const Report& report, model::Language language, bool with_timeline);

}  // namespace cchc::render::detail
