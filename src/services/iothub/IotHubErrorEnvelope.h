#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace TwinBridge {

// The error body of an IoT Hub service REST answer, in whichever of its shapes it arrives
// (reference/azure-protocols.md §3.1, §1.12):
//   1. {"Message":"ErrorCode:DeviceNotFound;<text>","ExceptionMessage":"Tracking ID:…-G:0-TimeStamp:…"}
//   2. {"errorCode":404001,"trackingId":"…","message":"…","timestampUtc":"…"}
//   3. shape 2 JSON-encoded as a string inside "Message" / "message"
// plus the textual code in the `iothub-errorcode` response header. parse() never fails: whatever it cannot
// read stays empty, and a body that is not JSON becomes the message text.
struct IotHubErrorEnvelope
{
    QString code; // textual, e.g. "DeviceNotFound"
    int numericCode = 0; // six digits, the first three the HTTP status, e.g. 404001
    QString message; // the service's own text
    QString trackingId;
    QString timestampUtc;

    bool isEmpty() const { return code.isEmpty() && numericCode == 0 && message.isEmpty(); }

    static IotHubErrorEnvelope parse(const QByteArray &body, const QByteArray &errorCodeHeader = {});

    // The codes of §1.12 both ways; empty / 0 if unknown.
    static QString codeName(int numericCode);
    static int numericCodeFor(const QString &name);

    // "DeviceNotFound (404001): <text> Tracking ID: …" — for ServiceError::detail() and logs.
    QString describe() const;

    // Shape 2, which the sandbox answers with; the legacy shape 1.
    QJsonObject toJson() const;
    QJsonObject toLegacyJson() const;

    static constexpr qsizetype MaxMessageLength = 1000;
};

} // namespace TwinBridge
