#include "load/event_cache.hpp"

#include "load/byte_codec.hpp"
#include "util/hash.hpp"

namespace cchc::load {

namespace {

using codec::put_bytes;
using codec::put_fixed64;
using codec::put_signed;
using codec::put_varint;

/// Names the format; a recording of any other format is refused. Bump the number whenever the encoding or the
/// meaning of an event changes.
constexpr std::string_view kMagic = "cchc yaml events 1\n";
constexpr std::size_t kChecksumBytes = 8;

/// What each event starts with.
enum class Code : unsigned char {
  DocumentStart = 1,
  DocumentEnd,
  Null,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MapStart,
  MapEnd,
  Anchor,
  HandledMore,  ///< HandleNextDocument returned true
  HandledLast,  ///< HandleNextDocument returned false
};

/// How a tag is kept: the two yaml-cpp gives nearly every node (plain "?", quoted "!"), none, or written out.
enum class TagCode : unsigned char { None, Plain, Quoted, Written };

/// How a scalar's value is kept: as the bytes of the text at the mark (a plain scalar), one byte past it (a
/// quoted scalar without escapes), or written out.
enum class ValueCode : unsigned char { AtMark, AfterMark, Written };

void put_mark(std::string& out, EventMark mark) {
  put_signed(out, mark.pos);
  put_signed(out, mark.line);
  put_signed(out, mark.column);
}

void put_tag(std::string& out, const std::string& tag) {
  if (tag.empty()) {
    out.push_back(static_cast<char>(TagCode::None));
  } else if (tag == "?") {
    out.push_back(static_cast<char>(TagCode::Plain));
  } else if (tag == "!") {
    out.push_back(static_cast<char>(TagCode::Quoted));
  } else {
    out.push_back(static_cast<char>(TagCode::Written));
    put_bytes(out, tag);
  }
}

void put_collection_start(std::string& out, Code code, EventMark mark, const std::string& tag, std::size_t anchor,
                          EventStyle style) {
  out.push_back(static_cast<char>(code));
  put_mark(out, mark);
  put_tag(out, tag);
  put_varint(out, anchor);
  out.push_back(static_cast<char>(style));
}

/// Reads a recording (see codec::ByteReader), with the parts of an event.
class Reader : public codec::ByteReader {
 public:
  using ByteReader::ByteReader;

  EventMark mark() {
    EventMark mark;
    mark.pos = signed_int();
    mark.line = signed_int();
    mark.column = signed_int();
    return mark;
  }

  bool tag(std::string& tag) {
    switch (static_cast<TagCode>(byte())) {
      case TagCode::None: tag.clear(); return true;
      // assign(1, c) rather than = "?": g++ 12 at -O3 warns of an overlap in the latter (a false -Wrestrict).
      case TagCode::Plain: tag.assign(1, '?'); return true;
      case TagCode::Quoted: tag.assign(1, '!'); return true;
      case TagCode::Written: {
        const std::string_view written = bytes(varint());
        tag.assign(written.data(), written.size());
        return !failed();
      }
    }
    fail();
    return false;
  }
};

std::optional<bool> decode_document(Reader& reader, std::string_view text, EventVisitor* visitor) {
  std::string tag, value;
  while (!reader.failed() && !reader.at_end()) {
    const auto code = static_cast<Code>(reader.byte());
    switch (code) {
      case Code::DocumentStart: {
        const EventMark mark = reader.mark();
        if (visitor && !reader.failed()) visitor->document_start(mark);
        break;
      }
      case Code::DocumentEnd:
        if (visitor) visitor->document_end();
        break;
      case Code::Null:
      case Code::Alias: {
        const EventMark mark = reader.mark();
        const std::uint64_t anchor = reader.varint();
        if (!visitor || reader.failed()) break;
        if (code == Code::Null) {
          visitor->null(mark, anchor);
        } else {
          visitor->alias(mark, anchor);
        }
        break;
      }
      case Code::Scalar: {
        const EventMark mark = reader.mark();
        if (!reader.tag(tag)) break;
        const std::uint64_t anchor = reader.varint();
        const auto how = static_cast<ValueCode>(reader.byte());
        if (how == ValueCode::Written) {
          const std::string_view written = reader.bytes(reader.varint());
          if (visitor) value.assign(written.data(), written.size());
        } else if (how == ValueCode::AtMark || how == ValueCode::AfterMark) {
          const std::uint64_t length = reader.varint();
          const std::uint64_t start = static_cast<std::uint64_t>(mark.pos) + (how == ValueCode::AfterMark ? 1 : 0);
          if (mark.pos < 0 || start > text.size() || length > text.size() - start) reader.fail();
          if (visitor && !reader.failed()) value.assign(text.substr(start, length));
        } else {
          reader.fail();
        }
        if (visitor && !reader.failed()) visitor->scalar(mark, tag, anchor, value);
        break;
      }
      case Code::SequenceStart:
      case Code::MapStart: {
        const EventMark mark = reader.mark();
        if (!reader.tag(tag)) break;
        const std::uint64_t anchor = reader.varint();
        const unsigned char style = reader.byte();
        if (style > static_cast<unsigned char>(EventStyle::Flow)) reader.fail();
        if (!visitor || reader.failed()) break;
        if (code == Code::SequenceStart) {
          visitor->sequence_start(mark, tag, anchor, static_cast<EventStyle>(style));
        } else {
          visitor->map_start(mark, tag, anchor, static_cast<EventStyle>(style));
        }
        break;
      }
      case Code::SequenceEnd:
        if (visitor) visitor->sequence_end();
        break;
      case Code::MapEnd:
        if (visitor) visitor->map_end();
        break;
      case Code::Anchor: {
        const EventMark mark = reader.mark();
        const std::string_view name = reader.bytes(reader.varint());
        if (!visitor || reader.failed()) break;
        value.assign(name.data(), name.size());
        visitor->anchor(mark, value);
        break;
      }
      case Code::HandledMore: return true;
      case Code::HandledLast: return false;
      default: reader.fail();
    }
  }
  return std::nullopt;  // damaged, or events after the last call
}

}  // namespace

EventWriter::EventWriter(std::string_view text) : m_text(text) {
  m_bytes.append(kMagic);
  put_varint(m_bytes, text.size());
  const util::Digest128 digest = util::digest128(text);
  put_fixed64(m_bytes, digest.low);
  put_fixed64(m_bytes, digest.high);
}

void EventWriter::document_start(EventMark mark) {
  m_bytes.push_back(static_cast<char>(Code::DocumentStart));
  put_mark(m_bytes, mark);
}

void EventWriter::document_end() { m_bytes.push_back(static_cast<char>(Code::DocumentEnd)); }

void EventWriter::null(EventMark mark, std::size_t anchor) {
  m_bytes.push_back(static_cast<char>(Code::Null));
  put_mark(m_bytes, mark);
  put_varint(m_bytes, anchor);
}

void EventWriter::alias(EventMark mark, std::size_t anchor) {
  m_bytes.push_back(static_cast<char>(Code::Alias));
  put_mark(m_bytes, mark);
  put_varint(m_bytes, anchor);
}

void EventWriter::scalar(EventMark mark, const std::string& tag, std::size_t anchor, const std::string& value) {
  m_bytes.push_back(static_cast<char>(Code::Scalar));
  put_mark(m_bytes, mark);
  put_tag(m_bytes, tag);
  put_varint(m_bytes, anchor);
  const auto written_at = [&](std::size_t skip) {
    const auto start = static_cast<std::size_t>(mark.pos) + skip;
    return mark.pos >= 0 && start <= m_text.size() && m_text.substr(start, value.size()) == value;
  };
  if (written_at(0)) {
    m_bytes.push_back(static_cast<char>(ValueCode::AtMark));
    put_varint(m_bytes, value.size());
  } else if (written_at(1)) {
    m_bytes.push_back(static_cast<char>(ValueCode::AfterMark));
    put_varint(m_bytes, value.size());
  } else {
    m_bytes.push_back(static_cast<char>(ValueCode::Written));
    put_bytes(m_bytes, value);
  }
}

void EventWriter::sequence_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) {
  put_collection_start(m_bytes, Code::SequenceStart, mark, tag, anchor, style);
}

void EventWriter::sequence_end() { m_bytes.push_back(static_cast<char>(Code::SequenceEnd)); }

void EventWriter::map_start(EventMark mark, const std::string& tag, std::size_t anchor, EventStyle style) {
  put_collection_start(m_bytes, Code::MapStart, mark, tag, anchor, style);
}

void EventWriter::map_end() { m_bytes.push_back(static_cast<char>(Code::MapEnd)); }

void EventWriter::anchor(EventMark mark, const std::string& name) {
  m_bytes.push_back(static_cast<char>(Code::Anchor));
  put_mark(m_bytes, mark);
  put_bytes(m_bytes, name);
}

void EventWriter::document_handled(bool more) {
  m_bytes.push_back(static_cast<char>(more ? Code::HandledMore : Code::HandledLast));
}

std::string EventWriter::finish() && {
  put_fixed64(m_bytes, util::digest64(m_bytes));
  return std::move(m_bytes);
}

std::optional<EventReplay> EventReplay::open(std::string_view recording, std::string_view text) {
  if (recording.size() < kMagic.size() + kChecksumBytes) return std::nullopt;
  const std::string_view body = recording.substr(0, recording.size() - kChecksumBytes);
  Reader checksum(recording.substr(body.size()));
  if (checksum.fixed64() != util::digest64(body)) return std::nullopt;
  if (!body.starts_with(kMagic)) return std::nullopt;
  Reader header(body.substr(kMagic.size()));
  if (header.varint() != text.size()) return std::nullopt;
  util::Digest128 digest;
  digest.low = header.fixed64();
  digest.high = header.fixed64();
  if (header.failed() || digest != util::digest128(text)) return std::nullopt;
  // Every event is checked before the first is shown to anyone: a replay never stops half-way.
  const std::string_view events = header.rest();
  Reader check(events);
  while (!check.at_end()) {
    if (!decode_document(check, text, nullptr)) return std::nullopt;
  }
  return EventReplay(events, text);
}

bool EventReplay::handle_next_document(EventVisitor& visitor) {
  if (m_events.empty()) return false;
  Reader reader(m_events);
  const std::optional<bool> more = decode_document(reader, m_text, &visitor);
  m_events = reader.rest();
  return more.value_or(false);
}

namespace {

/// Names the format of an entry that holds the recordings of the parts of one text.
constexpr std::string_view kPartsMagic = "cchc yaml event parts 1\n";
/// More parts than read_yaml ever makes (head, middle, tail): a count beyond it is damage.
constexpr std::uint64_t kMaxParts = 8;

}  // namespace

std::vector<std::string_view> part_recordings_pieces(const std::vector<std::string_view>& recordings,
                                                     std::string& framing) {
  framing.assign(kPartsMagic);
  put_varint(framing, recordings.size());
  // Where each recording's length ends in `framing`: the views are taken once it no longer grows.
  std::vector<std::size_t> length_ends;
  for (const std::string_view recording : recordings) {
    put_varint(framing, recording.size());
    length_ends.push_back(framing.size());
  }
  const std::string_view all(framing);
  std::vector<std::string_view> pieces;
  std::size_t framed = 0;
  for (std::size_t i = 0; i < recordings.size(); ++i) {
    pieces.push_back(all.substr(framed, length_ends[i] - framed));
    pieces.push_back(recordings[i]);
    framed = length_ends[i];
  }
  if (recordings.empty()) pieces.push_back(all);
  return pieces;
}

std::string join_part_recordings(const std::vector<std::string_view>& recordings) {
  std::string framing;
  std::string entry;
  for (const std::string_view piece : part_recordings_pieces(recordings, framing)) entry.append(piece);
  return entry;
}

void EventCache::store_pieces(const std::string& file, const std::vector<std::string_view>& pieces) {
  std::string joined;
  for (const std::string_view piece : pieces) joined.append(piece);
  store(file, joined);
}

std::optional<std::vector<std::string_view>> split_part_recordings(std::string_view entry) {
  if (!entry.starts_with(kPartsMagic)) return std::nullopt;
  Reader reader(entry.substr(kPartsMagic.size()));
  const std::uint64_t count = reader.varint();
  if (reader.failed() || count > kMaxParts) return std::nullopt;
  std::vector<std::string_view> recordings;
  for (std::uint64_t i = 0; i < count; ++i) recordings.push_back(reader.bytes(reader.varint()));
  if (reader.failed() || !reader.at_end()) return std::nullopt;
  return recordings;
}

}  // namespace cchc::load
