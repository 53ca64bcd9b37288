#pragma once

#include "services/core/ServiceError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace TwinBridge {

// Reads typed members of a JSON object for the protocol parsers and remembers the first problem as an
// InvalidInput error whose message starts with the member's JSON path ("uplink_message.f_port: …") and whose
// payload() is {"path": …}. Absent and null members give the default value and no error (TTS and IoT Hub
// omit empty members); present members of the wrong type are errors. Once an error is recorded, every
// further read returns the default, so a parser can read all members and check ok() once.
class JsonFieldReader
{
public:
    // `path` is the object's own path ("" for the top level); `errorCode` goes into ServiceError::code().
    JsonFieldReader(const QJsonObject &object, QString path, QString errorCode);

    bool ok() const { return !m_error.isError(); }
    const ServiceError &error() const { return m_error; }
    QString path() const { return m_path; }
    // The path of a member of this object ("uplink_message.f_port").
    QString memberPath(const QString &key) const;

    bool has(const QString &key) const; // present and not null

    QString string(const QString &key);
    bool boolean(const QString &key);
    double number(const QString &key);
    // A whole number in [min, max], given as a JSON number or (protobuf's 64-bit style) a decimal string.
    qint64 integer(const QString &key, qint64 min, qint64 max);
    QJsonObject object(const QString &key);
    std::optional<QJsonObject> optionalObject(const QString &key);
    QJsonArray array(const QString &key);
    QStringList strings(const QString &key);
    // Standard base64 (padding optional), decoded.
    QByteArray base64(const QString &key);
    // RFC 3339 / ISO 8601 time; `text` receives the string as sent. Invalid QDateTime if absent.
    QDateTime time(const QString &key, QString *text = nullptr);
    // A hex string of exactly `digits` hex digits (EUIs: 16, DevAddr: 8); returned as written.
    QString hex(const QString &key, int digits);

    // Records an error for `path` (if none is recorded yet).
    void fail(const QString &path, const QString &sentence);

    static ServiceError makeError(const QString &path, const QString &sentence, const QString &code);

private:
    QJsonValue member(const QString &key) const;

    QJsonObject m_object;
    QString m_path;
    QString m_code;
    ServiceError m_error;
};

} // namespace TwinBridge
