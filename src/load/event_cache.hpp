#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cchc::load {

/// Where read_yaml keeps, from one run to the next, what yaml-cpp reported while it read a plan file (see
/// ParseOptions::event_cache): the recording is replayed into the same tree builder instead of parsing the text
/// again, so the tree, the problems found and the plan are those of a parse by construction. A recording carries
/// the size and the XXH3-128 digest of the text it was made from, and a checksum of itself; replay_events
/// refuses it for any other text, or when it is damaged, and then the text is parsed. So an implementation only
/// stores and returns bytes: it may lose them, mix up files or return damaged bytes without changing any result.
/// read_yaml calls it from the threads that load files, at once for different files: it must be thread-safe.
class EventCache {
 public:
  virtual ~EventCache() = default;
  /// The recording last stored for `file` (the name read_yaml was given), if any.
  virtual std::optional<std::string> find(const std::string& file) = 0;
  /// Keeps `recording` for `file`, in place of any earlier one; failing to do so is no error.
  virtual void store(const std::string& file, std::string_view recording) = 0;
  /// As store, with the recording in pieces that follow one another: an entry of parts (tens of MB for a very
  /// large plan) need not be copied into one string first. By default the pieces are joined and stored.
  virtual void store_pieces(const std::string& file, const std::vector<std::string_view>& pieces);
  /// The recording find() returned for `file` was replayed: yaml-cpp did not run. For statistics only.
  virtual void replayed(const std::string& /*file*/) {}
};

/// Where an event points in the text yaml-cpp read, as YAML::Mark: byte offset, 0-based line and column; -1 in
/// all three when yaml-cpp gave no position.
struct EventMark {
  int pos = 0;
  int line = 0;
  int column = 0;

  friend bool operator==(const EventMark&, const EventMark&) = default;
};

/// YAML::EmitterStyle::value, in the same order.
enum class EventStyle : std::uint8_t { Default, Block, Flow };

/// yaml-cpp's YAML::EventHandler without yaml-cpp's types, plus the result of each call of
/// YAML::Parser::HandleNextDocument: what a recording holds, in the order yaml-cpp reported it.
class EventVisitor {
 public:
  virtual ~EventVisitor() = default;
  virtual void document_start(EventMark mark) = 0;
  virtual void document_end() = 0;
  virtual void null(EventMark mark, std::size_t anchor) = 0;
  virtual void alias(EventMark mark, std::size_t anchor) = 0;
  virtual void scalar(EventMark mark, const std::string& tag, std::size_t anchor, const std::string& value) = 0;
  virtual void sequence_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) = 0;
  virtual void sequence_end() = 0;
  virtual void map_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) = 0;
  virtual void map_end() = 0;
  virtual void anchor(EventMark mark, const std::string& name) = 0;
  /// A call of HandleNextDocument ended, after the events of the document it read; `more` is what it returned.
  virtual void document_handled(bool more) = 0;
};

/// Writes the events it is shown as a recording of `text` (the text yaml-cpp reads). A scalar whose value is
/// written as is in the text, as most are, is kept as a reference to the text, so a recording is mostly small
/// numbers.
class EventWriter : public EventVisitor {
 public:
  explicit EventWriter(std::string_view text);

  void document_start(EventMark mark) override;
  void document_end() override;
  void null(EventMark mark, std::size_t anchor) override;
  void alias(EventMark mark, std::size_t anchor) override;
  void scalar(EventMark mark, const std::string& tag, std::size_t anchor, const std::string& value) override;
  void sequence_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) override;
  void sequence_end() override;
  void map_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) override;
  void map_end() override;
  void anchor(EventMark mark, const std::string& name) override;
  void document_handled(bool more) override;

  /// The recording: a header naming the format, the text's size and digest, the events, and a checksum of it all.
  std::string finish() &&;

 private:
  std::string_view m_text;
  std::string m_bytes;
};

/// The events of a recording, ready to be replayed one document at a time.
class EventReplay {
 public:
  /// The replay of `recording` when it was made by EventWriter (of this format) for exactly `text` and decodes
  /// whole and well-formed; nullopt otherwise (damaged, cut short, made for another text or format). Every
  /// length and offset is checked against the bytes at hand, so damaged bytes can neither crash nor make it
  /// allocate more than the recording's own size.
  static std::optional<EventReplay> open(std::string_view recording, std::string_view text);

  /// As YAML::Parser::HandleNextDocument: shows `visitor` the events of the next document and returns what the
  /// recorded call returned (without calling document_handled); false when the recording holds no more calls.
  bool handle_next_document(EventVisitor& visitor);

 private:
  EventReplay(std::string_view events, std::string_view text) : m_events(events), m_text(text) {}
  std::string_view m_events;  ///< what is left to replay
  std::string_view m_text;
};

/// A text read in parts (read_yaml's reading on two threads) is kept as one entry holding a recording of each
/// part, in file order; an empty recording stands for a part that was not read. Each recording names the text of
/// its own part and carries its own checksum, so the entry needs nothing more than its lengths checked.
std::string join_part_recordings(const std::vector<std::string_view>& recordings);

/// The same entry as pieces to write one after the other: the recordings themselves, not copied, between pieces
/// of `framing` (the format's name and the lengths), which the function fills and the pieces point into.
std::vector<std::string_view> part_recordings_pieces(const std::vector<std::string_view>& recordings,
                                                     std::string& framing);

/// The recordings of the parts an entry written by join_part_recordings holds; nullopt for anything else (a
/// recording of a whole text, damaged or cut-short bytes). The views point into `entry`.
std::optional<std::vector<std::string_view>> split_part_recordings(std::string_view entry);

}  // namespace cchc::load
