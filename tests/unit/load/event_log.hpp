#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "load/event_cache.hpp"

namespace cchc::test_support {

/// The events an EventVisitor is shown, one per line.
class EventLog : public load::EventVisitor {
 public:
  std::vector<std::string> lines;

  void document_start(load::EventMark m) override { add("doc-start", m); }
  void document_end() override { lines.emplace_back("doc-end"); }
  void null(load::EventMark m, std::size_t anchor) override { add("null", m, "", anchor); }
  void alias(load::EventMark m, std::size_t anchor) override { add("alias", m, "", anchor); }
  void scalar(load::EventMark m, const std::string& tag, std::size_t anchor, const std::string& value) override {
    add("scalar", m, tag, anchor, value);
  }
  void sequence_start(load::EventMark m, const std::string& tag, std::size_t anchor, load::EventStyle s) override {
    add("seq-start", m, tag, anchor, std::to_string(static_cast<int>(s)));
  }
  void sequence_end() override { lines.emplace_back("seq-end"); }
  void map_start(load::EventMark m, const std::string& tag, std::size_t anchor, load::EventStyle s) override {
    add("map-start", m, tag, anchor, std::to_string(static_cast<int>(s)));
  }
  void map_end() override { lines.emplace_back("map-end"); }
  void anchor(load::EventMark m, const std::string& name) override { add("anchor", m, "", 0, name); }
  void document_handled(bool more) override { lines.push_back(more ? "handled more" : "handled last"); }

 private:
  void add(const char* what, load::EventMark m, const std::string& tag = "", std::size_t anchor = 0,
           const std::string& value = "") {
    std::ostringstream out;
    out << what << " " << m.pos << "/" << m.line << "/" << m.column << " [" << tag << "] &" << anchor << " <" << value
        << ">";
    lines.push_back(out.str());
  }
};

}  // namespace cchc::test_support
