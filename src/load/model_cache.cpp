#include "load/model_cache.hpp"

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "load/byte_codec.hpp"
#include "util/hash.hpp"

namespace cchc::load {

namespace {

/// Names the format; an entry of any other format is refused. Bump the number whenever the encoding changes or
/// a field is added to the model (the size checks below catch most additions).
// 2: a task's path only where it differs from its id; 3: a task's trigger, reason, note, appendices and occurrences
// as one optional block (model::TaskExtras)
constexpr std::string_view kMagic = "cchc loaded plan 3\n";
constexpr std::size_t kChecksumBytes = 8;
/// Deeper task trees than this are not from load_plan, whose depth limit stops far sooner: damage.
constexpr int kMaxTaskDepth = 1000;

// Every field of every type in a LoadResult is listed once, in `fields` below, for writing and reading alike, so
// a field cannot be written and not read. A field added to a model type and not listed here would be lost in
// the cache: these sizes (on the one platform we build for) stop the build until the list and kMagic are
// updated, and the unit test compares decoded results with loaded ones field by field.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(model::Plan) == 576 && sizeof(model::Task) == 200 && sizeof(model::TaskExtras) == 40 &&
                  sizeof(model::Section) == 408 && sizeof(model::Agency) == 120 && sizeof(model::Document) == 160 &&
                  sizeof(model::AppendixRef) == 72 && sizeof(model::Trigger) == 104 && sizeof(model::PlanDay) == 48 &&
                  sizeof(model::OccurrenceRecord) == 192 && sizeof(model::YearSpan) == 8 &&
                  sizeof(model::ScoreBand) == 20 && sizeof(model::Scoring) == 56 && sizeof(model::PlanLink) == 88 &&
                  sizeof(model::Deadline) == 40 && sizeof(model::RelativeDays) == 88 && sizeof(model::DaySpan) == 8 &&
                  sizeof(model::DeadlineAnchor) == 80 && sizeof(model::Recurrence) == 48 &&
                  sizeof(model::DayOfPeriod) == 12 && sizeof(util::Diagnostic) == 144 && sizeof(util::Date) == 4 &&
                  sizeof(util::PartialDate) == 12 && sizeof(util::SourcePos) == 8,
              "a model type changed: list its new fields in model_cache.cpp and bump kMagic");
#endif

/// How many values each enum has (its last value plus one); a number beyond is damage.
template <class E>
constexpr std::uint64_t kEnumValues = 0;
template <>
constexpr std::uint64_t kEnumValues<model::PlanStatus> = 2;
template <>
constexpr std::uint64_t kEnumValues<model::Language> = 2;
template <>
constexpr std::uint64_t kEnumValues<model::TaskStatus> = 4;
template <>
constexpr std::uint64_t kEnumValues<model::BeforeDate> = 2;
template <>
constexpr std::uint64_t kEnumValues<model::DeadlineKind> = 5;
template <>
constexpr std::uint64_t kEnumValues<model::DayUnit> = 2;
template <>
constexpr std::uint64_t kEnumValues<model::DeadlineAnchor::Kind> = 5;
template <>
constexpr std::uint64_t kEnumValues<model::Frequency> = 4;
template <>
constexpr std::uint64_t kEnumValues<model::DeadlinePrecision> = 5;
template <>
constexpr std::uint64_t kEnumValues<util::Severity> = 2;

static_assert(
    static_cast<int>(model::PlanStatus::Issued) == 1 && static_cast<int>(model::Language::En) == 1 &&
        static_cast<int>(model::TaskStatus::Cancelled) == 3 && static_cast<int>(model::BeforeDate::Exclusive) == 1 &&
        static_cast<int>(model::DeadlineKind::Recurring) == 4 && static_cast<int>(model::DayUnit::Working) == 1 &&
        static_cast<int>(model::DeadlineAnchor::Kind::Trigger) == 4 && static_cast<int>(model::Frequency::Month) == 3 &&
        static_cast<int>(model::DeadlinePrecision::Year) == 4 && static_cast<int>(util::Severity::Warning) == 1,
    "an enum changed: update kEnumValues and bump kMagic");

/// `T` is `Type` or `const Type`: one field list serves the writer (const) and the reader.
template <class T, class Type>
concept Is = std::same_as<std::remove_const_t<T>, Type>;

template <class Io, Is<util::SourcePos> T>
void fields(Io& io, T& pos) {
  io(pos.line, pos.column);
}
template <class Io, Is<util::Date> T>
void fields(Io& io, T& date) {
  io(date.year, date.month, date.day);
}
template <class Io, Is<util::PartialDate> T>
void fields(Io& io, T& date) {
  io(date.year, date.month, date.day);
}
template <class Io, Is<util::Diagnostic> T>
void fields(Io& io, T& diagnostic) {
  io(diagnostic.severity, diagnostic.file, diagnostic.pos, diagnostic.check, diagnostic.message, diagnostic.hint);
}
template <class Io, Is<model::DaySpan> T>
void fields(Io& io, T& span) {
  io(span.count, span.unit);
}
template <class Io, Is<model::DeadlineAnchor> T>
void fields(Io& io, T& anchor) {
  io(anchor.kind, anchor.date, anchor.task, anchor.event);
}
template <class Io, Is<model::RelativeDays> T>
void fields(Io& io, T& relative) {
  io(relative.span, relative.anchor);
}
template <class Io, Is<model::DayOfPeriod> T>
void fields(Io& io, T& day) {
  io(day.month, day.day, day.whole_month);
}
template <class Io, Is<model::Recurrence> T>
void fields(Io& io, T& rule) {
  io(rule.every, rule.on, rule.from, rule.ongoing, rule.day_before);
}
template <class Io, Is<model::Deadline> T>
void fields(Io& io, T& deadline) {
  io(deadline.kind, deadline.text, deadline.precision, deadline.start, deadline.due, deadline.relative,
     deadline.recurrence);
}
template <class Io, Is<model::Agency> T>
void fields(Io& io, T& agency) {
  io(agency.id, agency.name, agency.short_name, agency.group, agency.pos);
}
template <class Io, Is<model::Document> T>
void fields(Io& io, T& document) {
  io(document.id, document.ref, document.date, document.issuer, document.title, document.pos);
}
template <class Io, Is<model::AppendixRef> T>
void fields(Io& io, T& ref) {
  io(ref.doc, ref.items, ref.pos);
}
template <class Io, Is<model::Trigger> T>
void fields(Io& io, T& trigger) {
  io(trigger.on, trigger.due, trigger.note, trigger.pos);
}
template <class Io, Is<model::PlanDay> T>
void fields(Io& io, T& day) {
  io(day.date, day.name);
}
template <class Io, Is<model::OccurrenceRecord> T>
void fields(Io& io, T& record) {
  io(record.label, record.status, record.done, record.progress, record.evidence, record.reason, record.note,
     record.pos);
}
template <class Io, Is<model::YearSpan> T>
void fields(Io& io, T& span) {
  io(span.from, span.to);
}
template <class Io, Is<model::TaskExtras> T>
void fields(Io& io, T& extras) {
  io(extras.trigger, extras.reason, extras.note, extras.appendices, extras.occurrences);
}
template <class Io, Is<model::Task> T>
void fields(Io& io, T& task) {
  io(task.id, task.path, task.title, task.lead, task.support, task.due, task.status, task.done, task.progress,
     task.evidence, task.extras);
  [[maybe_unused]] const auto deeper = io.enter_task();
  io(task.children, task.pos);
}
template <class Io, Is<model::Section> T>
void fields(Io& io, T& section) {
  io(section.id, section.title, section.lead, section.due, section.trigger, section.tasks, section.appendices,
     section.status, section.done, section.progress, section.evidence, section.reason, section.note,
     section.occurrences, section.pos);
}
template <class Io, Is<model::ScoreBand> T>
void fields(Io& io, T& band) {
  io(band.threshold, band.strict, band.points, band.pos);
}
template <class Io, Is<model::Scoring> T>
void fields(Io& io, T& scoring) {
  io(scoring.completion, scoring.on_time, scoring.from_plan);
}
template <class Io, Is<model::PlanLink> T>
void fields(Io& io, T& link) {
  io(link.plan, link.task, link.pos);
}
template <class Io, Is<model::Plan> T>
void fields(Io& io, T& plan) {
  io(plan.file, plan.format_version, plan.id, plan.title, plan.issuer, plan.number, plan.date, plan.period, plan.status,
     plan.language, plan.timezone, plan.before_date, plan.holidays, plan.working_days, plan.parent, plan.agencies,
     plan.documents, plan.tasks, plan.sections, plan.scoring);
}
template <class Io, Is<LoadResult> T>
void fields(Io& io, T& result) {
  io(result.plan, result.diagnostics);
}

template <class T>
struct IsLocated : std::false_type {};
template <class T>
struct IsLocated<model::Located<T>> : std::true_type {};

template <class T>
concept Enum = std::is_enum_v<T>;
/// A struct whose fields `fields` lists (Located, which is a template, has its own overloads).
template <class T>
concept Record = std::is_class_v<T> && !IsLocated<T>::value;

class Writer {
 public:
  explicit Writer(std::string& out) : m_out(out) {}

  template <class... T>
  void operator()(const T&... values) {
    (put(values), ...);
  }
  int enter_task() { return 0; }

 private:
  void put(bool value) { m_out.push_back(value ? '\1' : '\0'); }
  void put(int value) { codec::put_signed(m_out, value); }
  void put(std::int16_t value) { codec::put_signed(m_out, value); }  // a date's year
  void put(std::int8_t value) { codec::put_signed(m_out, value); }   // a date's month or day
  void put(const std::string& value) { codec::put_bytes(m_out, value); }
  void put(const util::HeapText& value) { codec::put_bytes(m_out, value.view()); }
  void put(const util::SharedText& value) { codec::put_bytes(m_out, value.view()); }
  void put(const util::ShortText& value) { codec::put_bytes(m_out, value.view()); }
  template <Enum E>
  void put(E value) {
    static_assert(kEnumValues<E> > 0, "list the enum in kEnumValues");
    codec::put_varint(m_out, static_cast<std::uint64_t>(value));
  }
  /// std::optional and util::Boxed alike: whether a value is there, then the value.
  template <class Optional>
  void put_optional(const Optional& value) {
    put(value.has_value());
    if (value) put(*value);
  }
  /// std::vector and util::CompactVector alike: the count, then each value.
  template <class List>
  void put_list(const List& values) {
    codec::put_varint(m_out, values.size());
    for (const auto& value : values) put(value);
  }
  template <class T>
  void put(const std::optional<T>& value) {
    put_optional(value);
  }
  template <class T>
  void put(const util::Boxed<T>& value) {
    put_optional(value);
  }
  template <class T>
  void put(const model::OptionalLocated<T>& value) {
    put_optional(value);
  }
  template <class T>
  void put(const std::vector<T>& values) {
    put_list(values);
  }
  template <class T>
  void put(const util::CompactVector<T>& values) {
    put_list(values);
  }
  template <class T>
  void put(const model::Located<T>& located) {
    put(located.value);
    put(located.pos);
  }
  template <Record T>
  void put(const T& value) {
    fields(*this, value);
  }

  std::string& m_out;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_in(bytes) {}

  template <class... T>
  void operator()(T&... values) {
    (get(values), ...);
  }

  /// Counts the depth of tasks read inside tasks while it lives; too deep is damage.
  class Depth {
   public:
    explicit Depth(Reader& reader) : m_reader(reader) {
      if (++m_reader.m_task_depth > kMaxTaskDepth) m_reader.m_in.fail();
    }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    ~Depth() { --m_reader.m_task_depth; }

   private:
    Reader& m_reader;
  };
  Depth enter_task() { return Depth(*this); }

  bool failed() const { return m_in.failed(); }
  bool at_end() const { return m_in.at_end(); }

 private:
  void get(bool& value) {
    const unsigned char byte = m_in.byte();
    if (byte > 1) m_in.fail();
    value = byte == 1;
  }
  void get(int& value) { value = m_in.signed_int(); }
  template <class Narrow>
  requires std::same_as<Narrow, std::int16_t> || std::same_as<Narrow, std::int8_t>
  void get(Narrow& value) {
    const int number = m_in.signed_int();
    if (number < std::numeric_limits<Narrow>::min() || number > std::numeric_limits<Narrow>::max()) m_in.fail();
    value = m_in.failed() ? Narrow{} : static_cast<Narrow>(number);
  }
  void get(std::string& value) {
    const std::string_view bytes = m_in.bytes();
    value.assign(bytes.data(), bytes.size());
  }
  void get(util::HeapText& value) { value = m_in.bytes(); }
  void get(util::SharedText& value) { value = m_in.bytes(); }
  void get(util::ShortText& value) { value = m_in.bytes(); }
  template <Enum E>
  void get(E& value) {
    const std::uint64_t number = m_in.varint();
    if (number >= kEnumValues<E>) m_in.fail();
    value = m_in.failed() ? E{} : static_cast<E>(number);
  }
  /// std::optional and util::Boxed alike; whether the entry held a value.
  template <class Optional>
  bool get_optional(Optional& value) {
    bool present = false;
    get(present);
    if (!present || failed()) {
      value.reset();
      return false;
    }
    get(value.emplace());
    return true;
  }
  template <class T>
  void get(std::optional<T>& value) {
    get_optional(value);
  }
  template <class T>
  void get(util::Boxed<T>& value) {
    get_optional(value);
  }
  template <class T>
  void get(model::OptionalLocated<T>& value) {
    // A negative line is no position of a plan's (and one of them would read as no value at all): damage.
    if (get_optional(value) && (!value || value->pos.line < 0)) m_in.fail();
  }
  template <class T>
  void get(std::vector<T>& values) {
    get_list(values);
  }
  template <class T>
  void get(util::CompactVector<T>& values) {
    get_list(values);
  }
  /// A list as std::vector and util::CompactVector hold it alike: its count, then each value.
  template <class List>
  void get_list(List& values) {
    const std::uint64_t count = m_in.varint();
    values.clear();
    // Every value takes at least a byte, and most far more: the room made is bounded by what is left to read.
    values.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, m_in.rest().size() / 16)));
    for (std::uint64_t i = 0; i < count && !failed(); ++i) get(values.emplace_back());
  }
  template <class T>
  void get(model::Located<T>& located) {
    get(located.value);
    get(located.pos);
  }
  template <Record T>
  void get(T& value) {
    fields(*this, value);
  }

  codec::ByteReader m_in;
  int m_task_depth = 0;
};

/// The header both directions write and expect: what the result was made from.
std::string header(std::string_view text, const std::string& file, const Limits& limits) {
  std::string out(kMagic);
  codec::put_varint(out, text.size());
  const util::Digest128 digest = util::digest128(text);
  codec::put_fixed64(out, digest.low);
  codec::put_fixed64(out, digest.high);
  codec::put_bytes(out, file);
  for (const std::size_t limit : {limits.max_file_bytes, limits.max_nodes, limits.max_scalar_bytes,
                                  limits.max_diagnostics, static_cast<std::size_t>(limits.max_depth)}) {
    codec::put_varint(out, limit);
  }
  return out;
}

}  // namespace

std::string encode_load_result(const LoadResult& result, std::string_view text, const std::string& file,
                               const Limits& limits) {
  std::string out = header(text, file, limits);
  Writer writer(out);
  writer(result);
  codec::put_fixed64(out, util::digest64(out));
  return out;
}

std::optional<LoadResult> decode_load_result(std::string_view entry, std::string_view text, const std::string& file,
                                             const Limits& limits) {
  if (entry.size() < kMagic.size() + kChecksumBytes) return std::nullopt;
  const std::string_view body = entry.substr(0, entry.size() - kChecksumBytes);
  codec::ByteReader checksum(entry.substr(body.size()));
  if (checksum.fixed64() != util::digest64(body)) return std::nullopt;
  const std::string expected = header(text, file, limits);
  if (!body.starts_with(expected)) return std::nullopt;
  Reader reader(body.substr(expected.size()));
  LoadResult result;
  reader(result);
  if (reader.failed() || !reader.at_end()) return std::nullopt;
  return result;
}

}  // namespace cchc::load
