#pragma once

#include "services/core/ServiceError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <limits>
#include <memory>
#include <optional>

namespace TwinBridge {

// Reads typed members of the JSON objects every value type parses (TTS messages and REST answers, IoT Hub
// identities and twins) and keeps the first problem as one ServiceError:
// - message "<JSON path>: <sentence>[ <context sentence>]", e.g. "uplink_message.f_port: must be a whole number.",
//   or Options::messageFormat filled with path and sentence;
// - kind() InvalidInput unless Options say otherwise, code() from Options, payload() {"path": "<JSON path>"}.
// Absent and null members read as defaults and are no error (TTS and IoT Hub omit empty members) unless
// Options::nulls says a null has the wrong type; present members of the wrong type are errors. Strict formats
// also use require() and unknownMembers(). Once an error is recorded every further read returns its default, so
// a parser reads all members and checks ok() once. Readers made by child() and objectList() share their
// parent's error and options; readers constructed separately do not.
class JsonFieldReader
{
    Q_DECLARE_TR_FUNCTIONS(TwinBridge::JsonFieldReader)

public:
    // How whole numbers may be written. Protobuf's JSON mapping (all TTS JSON) also allows decimal strings,
    // which is how it writes 64-bit integers ("f_cnt": "42"); IoT Hub writes numbers only.
    enum class Integers { Numbers, NumbersOrDecimalStrings };

    // What a JSON null is: an absent member (the services' answers), or a value of the wrong type (files
    // TwinBridge itself writes, where null never appears).
    enum class Nulls { Absent, WrongType };

    // Every member has a default, so callers name only what they change:
    // {.errorCode = QStringLiteral("InvalidDownlink"), .integers = Integers::NumbersOrDecimalStrings}.
    struct Options
    {
        QString errorCode {}; // ServiceError::code() of every error
        ServiceError::Kind errorKind = ServiceError::Kind::InvalidInput;
        // Appended to every message (already translated): what was being read and, if useful, what to do.
        QString errorContext {};
        Integers integers = Integers::Numbers;
        Nulls nulls = Nulls::Absent;
        // The whole message, already translated, with %1 the path and %2 the sentence ("The field “%1” in the
        // profile file %2"); empty for "<path>: <sentence>". errorContext is appended either way.
        QString messageFormat {};
    };

    // The two forms parseTimestamp() reads.
    enum class TimestampForm {
        // RFC 3339 (what TTS writes): date, 'T', time with any number of fractional digits, and a zone
        // ("Z" or ±hh:mm); 'T' and 'Z' may be lower case.
        Rfc3339,
        // What IoT Hub writes: as Rfc3339, but a missing zone means UTC ("0001-01-01T00:00:00") and white
        // space around the text is ignored.
        Lenient,
    };

    // `path` is the object's own path inside its document ("" at the top level, "uplink_message", "errors[2]").
    JsonFieldReader(const QJsonObject &object, Options options, QString path = {});

    bool ok() const { return !m_state->error.isError(); }
    const ServiceError &error() const { return m_state->error; }
    QString path() const { return m_path; }
    // The path of a member of this object ("uplink_message.f_port").
    QString memberPath(const QString &key) const;

    bool has(const QString &key) const; // present (and, unless nulls are of the wrong type, not null)

    // Records "<path>: is missing." unless `key` is present; returns whether it is.
    bool require(const QString &key);
    // The members of this object whose keys `known` does not list, in key order. The caller decides what an
    // unknown member means (a strict file format fails on the first one).
    QStringList unknownMembers(const QStringList &known) const;

    QString string(const QString &key);
    bool boolean(const QString &key);
    std::optional<bool> optionalBoolean(const QString &key);
    double number(const QString &key);
    // A whole number in [min, max]: a JSON number without fraction whose magnitude is at most 2^53 (larger
    // doubles are not exact), or with Integers::NumbersOrDecimalStrings also a decimal string such as "-42".
    // 0 (or nullopt) when absent or on error.
    qint64 integer(const QString &key, qint64 min = std::numeric_limits<qint64>::min(),
                   qint64 max = std::numeric_limits<qint64>::max());
    std::optional<qint64> optionalInteger(const QString &key, qint64 min = std::numeric_limits<qint64>::min(),
                                          qint64 max = std::numeric_limits<qint64>::max());
    // A string, or a whole number as text (some IoT Hub error codes come either way).
    QString stringOrNumber(const QString &key);
    QJsonObject object(const QString &key);
    std::optional<QJsonObject> optionalObject(const QString &key);
    QJsonArray array(const QString &key);
    // A list of strings; a wrong element is reported at its own path ("correlation_ids[1]").
    QStringList strings(const QString &key);
    // An object whose values are all strings (TTS attributes); a wrong value is reported as "attributes.floor".
    QMap<QString, QString> stringMap(const QString &key);
    // Standard base64 (padding optional), decoded.
    QByteArray base64(const QString &key);
    // A string of exactly `digits` hex digits (EUIs: 16, DevAddr: 8), returned as written.
    QString hex(const QString &key, int digits);
    // An RFC 3339 time as UTC; `text` receives the string as sent (empty on error). Invalid QDateTime if
    // absent; text that is not RFC 3339 is an error.
    QDateTime timestamp(const QString &key, QString *text = nullptr);
    // A TimestampForm::Lenient time. Unreadable text (IoT Hub's documentation even shows "2015-02-30…") gives
    // an invalid QDateTime and no error; only a value that is not a string is an error.
    QDateTime lenientTimestamp(const QString &key);

    // A reader for the nested object `key` (absent → empty object) that shares this reader's error.
    JsonFieldReader child(const QString &key);
    // Readers for the elements of the list `key`, with paths "errors[2]"; an element that is not an object
    // is an error.
    QList<JsonFieldReader> objectList(const QString &key);

    // Records an error for `path` (if none is recorded yet); `sentence` continues the path: "must be …".
    void fail(const QString &path, const QString &sentence);

    // An InvalidInput error in this reader's style, for checks made outside a reader.
    static ServiceError makeError(const QString &path, const QString &sentence, const QString &code);

    // True if `text` is exactly `digits` hex digits (either case).
    static bool isHex(QStringView text, int digits);

    // The timestamp helpers every JSON type shares. parseTimestamp() rounds fractions to the millisecond
    // (QDateTime's precision: ".014773143" and ".0147731" both become .015) and returns UTC, or an invalid
    // QDateTime for text of another form, impossible dates and times (2015-02-30, 24:00, leap seconds) and
    // instants outside the years 1–9999. formatTimestamp() writes the canonical form: UTC with exactly three
    // fractional digits, "2020-02-12T15:15:46.015Z" (empty for an invalid QDateTime); both forms read it back.
    static QDateTime parseTimestamp(const QString &text, TimestampForm form = TimestampForm::Rfc3339);
    static QString formatTimestamp(const QDateTime &time);

private:
    struct State
    {
        Options options;
        ServiceError error;
    };

    JsonFieldReader(QJsonObject object, std::shared_ptr<State> state, QString path);
    QJsonValue member(const QString &key) const;
    bool isAbsent(const QJsonValue &value) const;

    QJsonObject m_object;
    std::shared_ptr<State> m_state;
    QString m_path;
};

} // namespace TwinBridge
