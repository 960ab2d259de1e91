#pragma once

#include <string>
#include <vector>

#include "evaluate/evaluate.hpp"
#include "model/plan.hpp"
#include "util/date.hpp"

// The plan on a time axis: tasks with a window (start..due) as bars, single-day deadlines as milestones,
// a line for today, overdue work in its own colour and glyph. Pure: every renderer returns the complete
// text and depends only on its arguments (docs/formats.md, "Timeline").
namespace cchc::render {

/// How the rows are grouped.
enum class TimelineGroup {
  Section,  ///< under their top-level task (report sections form a group of their own)
  Lead,     ///< under their lead agency, in the order the agencies first appear
};

struct TimelineOptions {
  model::Language language = model::Language::Vi;
  TimelineGroup group = TimelineGroup::Section;
  std::string title;   ///< heading of the picture (the plan's title); may be empty
  bool color = false;  ///< terminal only: ANSI colour
  int width = 100;     ///< terminal only: columns available
  /// SVG only: start with `<?xml …?>`. Off when the SVG is put inline in an HTML page.
  bool xml_declaration = true;
};

/// Unicode blocks for a terminal: one line per item, fitted to `options.width`. Overdue deadlines are
/// drawn with their own glyph (✖), so they stand out without colour too.
std::string render_timeline_terminal(const std::vector<evaluate::Item>& items, util::Date today,
                                     const TimelineOptions& options);

/// A standalone SVG document (UTF-8; also usable inline in HTML): axis with month ticks, bars and
/// milestones coloured by state, today's line labelled, a legend. Styling is in presentation attributes,
/// not a <style> element, so an embedding page's CSS is neither affected nor needed.
std::string render_timeline_svg(const std::vector<evaluate::Item>& items, util::Date today,
                                const TimelineOptions& options);

/// A fenced ```mermaid gantt block that GitHub and GitLab render inside Markdown. Task names are
/// sanitised for Mermaid's grammar (no ':', '#', ';', '<', '>', backquote or line break reaches it).
/// Items without a date are named in a line after the block.
std::string render_timeline_mermaid(const std::vector<evaluate::Item>& items, util::Date today,
                                    const TimelineOptions& options);

}  // namespace cchc::render
